// Load worker for the live-fanout benchmark, in C: one process holding a share of the viewers' WebSockets on one
// epoll loop. It does what worker.ts does (same roles, same frames, same measurements) for a fraction of the CPU, so
// on a 2-core machine the server under test, not the load generator, gets the cores. Both sides of the comparison
// (Hotland and socket.io) are driven by the same client.
//
// Built by run.ts with the system C compiler (`cc -O2`). Driven over stdin/stdout by run.ts:
//   argv: kind(hotland|socketio) host port path cookiesFile likers viewers chatIntervalMs likeIntervalMs likeCount concurrency
//   stdin lines: connect | load | measure | stats | stop      stdout: one JSON object per line ({"evt":...})
// Wire: client frames are masked with a zero key (valid per RFC 6455, and the payload stays readable); server frames
// are read whole (opcode, 7/16/64-bit lengths); pings are answered; a frame's payload is scanned for "bench:<ms>".
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { HIST_MAX = 120000, ROLE_CHATTER = 0, ROLE_LIKER = 1, ROLE_VIEWER = 2 };
enum { ST_IDLE, ST_CONNECTING, ST_HANDSHAKE, ST_OPEN, ST_CLOSED };

typedef struct {
  int fd, state, role, attempts, ready, cookie;
  unsigned char *buf;
  size_t len, cap;
  double nextFire, retryAt;
} Conn;

static int socketio;
static char host[64], path[512];
static int port, likers, viewers, likeCount, concurrency;
static double chatIntervalMs, likeIntervalMs;
static char **cookies;
static int nCookies;
static Conn *conns;
static int nConns, inFlight, failed, retries;
static Conn **senders;
static int nSenders;
static int epfd;
static int measuring, loading;
static uint32_t hist[HIST_MAX + 1];
static uint32_t lateHist[1001];
static uint64_t delivered, framesIn, bytesIn, chatsSent, likeFramesSent, errorsSeen, closedDuringRun;
static double cpuAt;

static double nowMs(void) {
  struct timespec t;
  clock_gettime(CLOCK_REALTIME, &t);
  return t.tv_sec * 1000.0 + t.tv_nsec / 1e6;
}
static double cpuMs(void) {
  struct rusage r;
  getrusage(RUSAGE_SELF, &r);
  return r.ru_utime.tv_sec * 1000.0 + r.ru_utime.tv_usec / 1000.0 + r.ru_stime.tv_sec * 1000.0 + r.ru_stime.tv_usec / 1000.0;
}

static void closeConn(Conn *c, int countIt) {
  if (c->fd >= 0) {
    epoll_ctl(epfd, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
  }
  c->fd = -1;
  if (c->state == ST_OPEN && measuring && countIt) closedDuringRun++;
  c->state = ST_CLOSED;
  c->ready = 0;
  c->len = 0;
}

// Send one masked text frame (zero mask key). Frames here are small; a short write is treated as a lost socket.
static void sendText(Conn *c, const char *s, size_t n) {
  unsigned char f[600];
  size_t h;
  if (n > 500 || c->state != ST_OPEN) return;
  f[0] = 0x81;
  if (n < 126) { f[1] = 0x80 | (unsigned char)n; h = 2; }
  else { f[1] = 0x80 | 126; f[2] = (unsigned char)(n >> 8); f[3] = (unsigned char)n; h = 4; }
  memset(f + h, 0, 4);
  memcpy(f + h + 4, s, n);
  ssize_t w = send(c->fd, f, h + 4 + n, MSG_NOSIGNAL);
  if (w != (ssize_t)(h + 4 + n)) closeConn(c, 1);
}
static void sendControl(Conn *c, unsigned char opcode, const unsigned char *p, size_t n) {
  unsigned char f[140];
  if (n > 125) n = 125;
  f[0] = 0x80 | opcode;
  f[1] = 0x80 | (unsigned char)n;
  memset(f + 2, 0, 4);
  memcpy(f + 6, p, n);
  if (send(c->fd, f, 6 + n, MSG_NOSIGNAL) < 0) closeConn(c, 1);
}

static void scanStamps(const unsigned char *p, size_t n, double now) {
  static const char stamp[] = "bench:";
  const unsigned char *end = p + n;
  uint64_t found = 0;
  for (;;) {
    const unsigned char *at = memmem(p, (size_t)(end - p), stamp, 6);
    if (!at) break;
    const unsigned char *i = at + 6;
    double ts = 0;
    while (i < end && *i >= '0' && *i <= '9') ts = ts * 10 + (*i++ - '0');
    found++;
    if (measuring) {
      double ms = now - ts;
      if (ms < 0) ms = 0;
      hist[ms > HIST_MAX ? HIST_MAX : (int)ms]++;
    }
    p = i;
  }
  if (measuring) delivered += found;
}

static void onMessage(Conn *c, const unsigned char *p, size_t n, double now) {
  if (measuring) { framesIn++; bytesIn += n; }
  if (!socketio) {
    c->ready = 1; // the first frame carries 'hello'
    if (c->role != ROLE_VIEWER && measuring && memmem(p, n, "\"type\":\"error\"", 14)) errorsSeen++;
    scanStamps(p, n, now);
    return;
  }
  // Engine.IO v4: '0' open, '2' ping, '4' + socket.io packet ('0' connect, '2' event, '4' connect_error).
  if (n == 0) return;
  if (p[0] == '4' && n > 1) {
    if (p[1] == '2') scanStamps(p, n, now);
    else if (p[1] == '0') c->ready = 1;
    else if (p[1] == '4' && measuring) errorsSeen++;
  } else if (p[0] == '2') sendText(c, "3", 1);
  else if (p[0] == '0') sendText(c, "40", 2);
}

// Consume whole frames from the connection's buffer; keep a partial frame for the next read.
static void parseFrames(Conn *c, double now) {
  size_t off = 0;
  while (c->state == ST_OPEN && c->len - off >= 2) {
    unsigned char *f = c->buf + off;
    size_t avail = c->len - off, h = 2;
    uint64_t n = f[1] & 0x7f;
    if (n == 126) { if (avail < 4) break; n = ((uint64_t)f[2] << 8) | f[3]; h = 4; }
    else if (n == 127) {
      if (avail < 10) break;
      n = 0;
      for (int i = 0; i < 8; i++) n = (n << 8) | f[2 + i];
      h = 10;
    }
    if (f[1] & 0x80) h += 4; // servers do not mask, but be lenient
    if (avail < h + n) break;
    unsigned char op = f[0] & 0x0f;
    if (op == 0x1 || op == 0x2 || op == 0x0) onMessage(c, f + h, (size_t)n, now);
    else if (op == 0x9) sendControl(c, 0xA, f + h, (size_t)n);
    else if (op == 0x8) { closeConn(c, 1); return; }
    off += h + (size_t)n;
  }
  if (off && c->state == ST_OPEN) {
    memmove(c->buf, c->buf + off, c->len - off);
    c->len -= off;
  }
}

static int readInto(Conn *c) {
  for (;;) {
    if (c->cap - c->len < 16384) {
      size_t cap = c->cap ? c->cap * 2 : 32768;
      while (cap - c->len < 16384) cap *= 2;
      c->buf = realloc(c->buf, cap);
      c->cap = cap;
    }
    ssize_t r = recv(c->fd, c->buf + c->len, c->cap - c->len, 0);
    if (r > 0) { c->len += (size_t)r; if (c->len < c->cap) return 1; continue; } // level-triggered: the rest comes next round
    if (r == 0) return 0;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return 1;
    if (errno == EINTR) continue;
    return 0;
  }
}

static void startConnect(Conn *c) {
  struct sockaddr_in a = {0};
  c->attempts++;
  c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  if (c->fd < 0) { perror("socket"); exit(3); }
  int one = 1;
  setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  a.sin_family = AF_INET;
  a.sin_port = htons((uint16_t)port);
  inet_pton(AF_INET, host, &a.sin_addr);
  c->state = ST_CONNECTING;
  c->len = 0;
  inFlight++;
  int r = connect(c->fd, (struct sockaddr *)&a, sizeof a);
  struct epoll_event ev = { .events = EPOLLOUT | EPOLLIN, .data.ptr = c };
  epoll_ctl(epfd, EPOLL_CTL_ADD, c->fd, &ev);
  if (r < 0 && errno != EINPROGRESS) { /* reported through epoll as an error */ }
}

static void connectFailed(Conn *c, double now) {
  if (c->fd >= 0) { epoll_ctl(epfd, EPOLL_CTL_DEL, c->fd, NULL); close(c->fd); c->fd = -1; }
  inFlight--;
  retries++;
  if (c->attempts < 4) { c->state = ST_IDLE; c->retryAt = now + 500.0 * c->attempts; }
  else { c->state = ST_CLOSED; failed++; }
}

static void onWritable(Conn *c, double now) {
  int err = 0;
  socklen_t l = sizeof err;
  getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &l);
  if (err) { connectFailed(c, now); return; }
  char req[2048];
  const char *cookie = c->cookie >= 0 ? cookies[c->cookie] : NULL;
  int n = snprintf(req, sizeof req,
    "GET %s HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n%s%s%s\r\n",
    path, host, port, cookie ? "Cookie: " : "", cookie ? cookie : "", cookie ? "\r\n" : "");
  if (send(c->fd, req, (size_t)n, MSG_NOSIGNAL) != n) { connectFailed(c, now); return; }
  c->state = ST_HANDSHAKE;
  struct epoll_event ev = { .events = EPOLLIN, .data.ptr = c };
  epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &ev);
}

static void onReadable(Conn *c, double now) {
  int alive = readInto(c);
  if (c->state == ST_HANDSHAKE) {
    unsigned char *end = memmem(c->buf, c->len, "\r\n\r\n", 4);
    if (!end) { if (!alive) connectFailed(c, now); return; }
    if (c->len < 12 || memcmp(c->buf + 9, "101", 3) != 0) { connectFailed(c, now); return; }
    size_t head = (size_t)(end - c->buf) + 4;
    memmove(c->buf, c->buf + head, c->len - head);
    c->len -= head;
    c->state = ST_OPEN;
    inFlight--;
  }
  if (c->state == ST_OPEN) parseFrames(c, now);
  if (!alive && c->state == ST_OPEN) closeConn(c, 1);
}

static void out(const char *s) { fputs(s, stdout); fputc('\n', stdout); fflush(stdout); }

static int countOpen(int readyOnly) {
  int n = 0;
  for (int i = 0; i < nConns; i++) if (conns[i].state == ST_OPEN && (!readyOnly || conns[i].ready)) n++;
  return n;
}

static void printStats(const char *evt) {
  // Timer lateness stands in for the Node worker's event-loop delay.
  uint64_t lateTotal = 0, seen = 0;
  int lateP99 = 0;
  for (int i = 0; i <= 1000; i++) lateTotal += lateHist[i];
  for (int i = 0; i <= 1000; i++) { seen += lateHist[i]; if (lateTotal && seen * 100 >= lateTotal * 99) { lateP99 = i; break; } }
  size_t cap = 1 << 20, len = 0;
  char *s = malloc(cap);
  len += (size_t)snprintf(s + len, cap - len,
    "{\"evt\":\"%s\",\"retries\":%d,\"open\":%d,\"ready\":%d,\"failed\":%d,\"closedDuringRun\":%llu,\"delivered\":%llu,\"framesIn\":%llu,"
    "\"bytesIn\":%llu,\"chatsSent\":%llu,\"likeFramesSent\":%llu,\"errorsSeen\":%llu,\"cpuMs\":%.1f,\"loopDelayP99Ms\":%d,\"hist\":[",
    evt, retries, countOpen(0), countOpen(1), failed, (unsigned long long)closedDuringRun, (unsigned long long)delivered,
    (unsigned long long)framesIn, (unsigned long long)bytesIn, (unsigned long long)chatsSent,
    (unsigned long long)likeFramesSent, (unsigned long long)errorsSeen, cpuMs() - cpuAt, lateP99);
  int first = 1;
  for (int i = 0; i <= HIST_MAX; i++) {
    if (!hist[i]) continue;
    if (cap - len < 64) { cap *= 2; s = realloc(s, cap); }
    len += (size_t)snprintf(s + len, cap - len, "%s[%d,%u]", first ? "" : ",", i, hist[i]);
    first = 0;
  }
  snprintf(s + len, cap - len, "]}");
  out(s);
  free(s);
}

static void fire(Conn *c, double now) {
  char msg[96];
  if (c->role == ROLE_CHATTER) {
    int n = socketio ? snprintf(msg, sizeof msg, "42[\"chat\",\"bench:%.0f\"]", now)
                     : snprintf(msg, sizeof msg, "{\"type\":\"chat\",\"text\":\"bench:%.0f\"}", now);
    sendText(c, msg, (size_t)n);
    if (measuring) chatsSent++;
  } else {
    int n = socketio ? snprintf(msg, sizeof msg, "42[\"like\",%d]", likeCount)
                     : snprintf(msg, sizeof msg, "{\"type\":\"like\",\"count\":%d}", likeCount);
    sendText(c, msg, (size_t)n);
    if (measuring) likeFramesSent++;
  }
}

static int connectPhase; // 1 while connecting; 2 once all are settled and waiting for hellos
static double connectUntil;

static void handleCommand(const char *cmd, double now) {
  if (!strcmp(cmd, "connect")) { connectPhase = 1; connectUntil = 0; }
  else if (!strcmp(cmd, "load")) {
    loading = 1;
    nSenders = 0;
    for (int i = 0; i < nConns; i++) {
      Conn *c = &conns[i];
      if (c->role == ROLE_VIEWER) continue;
      senders[nSenders++] = c;
      double iv = c->role == ROLE_CHATTER ? chatIntervalMs : likeIntervalMs;
      c->nextFire = now + (double)rand() / RAND_MAX * iv; // random phase: smooth load, not bursts
    }
    out("{\"evt\":\"loading\"}");
  } else if (!strcmp(cmd, "measure")) {
    delivered = framesIn = bytesIn = chatsSent = likeFramesSent = errorsSeen = closedDuringRun = 0;
    memset(hist, 0, sizeof hist);
    memset(lateHist, 0, sizeof lateHist);
    cpuAt = cpuMs();
    measuring = 1;
    out("{\"evt\":\"measuring\"}");
  } else if (!strcmp(cmd, "stats")) {
    measuring = 0;
    printStats("stats");
  } else if (!strcmp(cmd, "stop")) {
    for (int i = 0; i < nConns; i++) if (conns[i].fd >= 0) close(conns[i].fd);
    exit(0);
  }
}

static char **readLines(const char *file, int *count) {
  FILE *f = fopen(file, "r");
  if (!f) { perror(file); exit(2); }
  char **lines = NULL, line[4096];
  int n = 0;
  while (fgets(line, sizeof line, f)) {
    line[strcspn(line, "\r\n")] = 0;
    if (!line[0]) continue;
    lines = realloc(lines, sizeof(char *) * (size_t)(n + 1));
    lines[n++] = strdup(line);
  }
  fclose(f);
  *count = n;
  return lines;
}

int main(int argc, char **argv) {
  if (argc != 12) { fprintf(stderr, "usage: loadgen kind host port path cookiesFile likers viewers chatMs likeMs likeCount concurrency\n"); return 2; }
  socketio = !strcmp(argv[1], "socketio");
  snprintf(host, sizeof host, "%s", argv[2]);
  port = atoi(argv[3]);
  snprintf(path, sizeof path, "%s", argv[4]);
  cookies = readLines(argv[5], &nCookies);
  likers = atoi(argv[6]);
  viewers = atoi(argv[7]);
  chatIntervalMs = atof(argv[8]);
  likeIntervalMs = atof(argv[9]);
  likeCount = atoi(argv[10]);
  concurrency = atoi(argv[11]);
  srand((unsigned)getpid());

  struct rlimit rl;
  getrlimit(RLIMIT_NOFILE, &rl);
  rl.rlim_cur = rl.rlim_max;
  setrlimit(RLIMIT_NOFILE, &rl);

  nConns = nCookies + likers + viewers;
  conns = calloc((size_t)nConns, sizeof(Conn));
  senders = calloc((size_t)nConns, sizeof(Conn *));
  for (int i = 0; i < nConns; i++) {
    conns[i].fd = -1;
    conns[i].cookie = -1;
    // Chatter lines are real session cookies (Hotland); socket.io chatters carry a placeholder line "-".
    if (i < nCookies) { conns[i].role = ROLE_CHATTER; if (strcmp(cookies[i], "-")) conns[i].cookie = i; }
    else if (i < nCookies + likers) conns[i].role = ROLE_LIKER;
    else conns[i].role = ROLE_VIEWER;
  }

  epfd = epoll_create1(0);
  fcntl(0, F_SETFL, fcntl(0, F_GETFL) | O_NONBLOCK);
  struct epoll_event sev = { .events = EPOLLIN, .data.ptr = NULL };
  epoll_ctl(epfd, EPOLL_CTL_ADD, 0, &sev);
  out("{\"evt\":\"up\"}");

  char cmdBuf[256];
  size_t cmdLen = 0;
  struct epoll_event evs[512];
  for (;;) {
    // Poll, then nap 1 ms when drained, rather than block: a process asleep in epoll_wait makes every server write
    // pay for waking it (scheduler work charged to the server's syscall); a napping poller is woken by the timer only.
    int n = epoll_wait(epfd, evs, 512, 0);
    double now = nowMs();
    for (int i = 0; i < n; i++) {
      Conn *c = evs[i].data.ptr;
      if (!c) {
        ssize_t r = read(0, cmdBuf + cmdLen, sizeof cmdBuf - 1 - cmdLen);
        if (r == 0) exit(0); // the parent went away: never outlive it
        if (r < 0) continue;
        cmdLen += (size_t)r;
        char *nl;
        while ((nl = memchr(cmdBuf, '\n', cmdLen))) {
          *nl = 0;
          handleCommand(cmdBuf, now);
          size_t used = (size_t)(nl - cmdBuf) + 1;
          memmove(cmdBuf, cmdBuf + used, cmdLen - used);
          cmdLen -= used;
        }
        if (cmdLen >= sizeof cmdBuf - 1) cmdLen = 0;
        continue;
      }
      if (c->state == ST_CONNECTING) {
        if (evs[i].events & (EPOLLOUT | EPOLLERR | EPOLLHUP)) onWritable(c, now);
      } else if (c->state == ST_HANDSHAKE || c->state == ST_OPEN) {
        onReadable(c, now);
      }
    }
    if (connectPhase == 1) {
      int pending = 0;
      for (int i = 0; i < nConns; i++) {
        Conn *c = &conns[i];
        if (c->state == ST_IDLE && inFlight < concurrency && c->retryAt <= now) startConnect(c);
        if (c->state == ST_IDLE || c->state == ST_CONNECTING || c->state == ST_HANDSHAKE) pending = 1;
      }
      if (!pending) { connectPhase = 2; connectUntil = now + 30000; }
    }
    if (connectPhase == 2) {
      // Wait (bounded) for the hello / connect acknowledgement on every socket.
      if (countOpen(1) == countOpen(0) || now > connectUntil) { connectPhase = 0; printStats("connected"); }
    }
    if (loading) {
      for (int i = 0; i < nSenders; i++) {
        Conn *c = senders[i];
        if (c->state != ST_OPEN || c->nextFire > now) continue;
        if (measuring) { int late = (int)(now - c->nextFire); lateHist[late > 1000 ? 1000 : late]++; }
        fire(c, now);
        c->nextFire += c->role == ROLE_CHATTER ? chatIntervalMs : likeIntervalMs;
        if (c->nextFire < now) c->nextFire = now;
      }
    }
    if (n < 512) { struct timespec nap = { 0, 1000000 }; nanosleep(&nap, NULL); }
  }
}
