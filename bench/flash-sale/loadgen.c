// Load worker for the flash-sale benchmark, in C: the same job as worker.ts (each buyer grabs once; `connections`
// keep-alive HTTP/1.1 connections each take the next buyer until none is left; one request in flight per connection;
// every request recorded as [sentAt, doneAt, status, code] in wall-clock ms) on one epoll loop, so the load costs the
// 2-core machine a fraction of what a Node client does and the server, the database and Redis get the cores.
//
// Built by run.ts with the system C compiler. argv: kind(hotland|naive) host port path buyersFile connections startAtMs
// timeoutMs. buyersFile: one buyer per line, "buyerId<TAB>cookie<TAB>addressId" ("-" for none).
// stdout: {"evt":"ready"} at once, then {"evt":"done","cpuSeconds":…,"samples":[[sent,done,status,"CODE"],…]}.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

typedef struct { char *req; int len; } Request;
typedef struct { double sent, done; int status; char code[40]; } Sample;
typedef struct {
  int fd, busy, idx, connected;
  size_t off;        // bytes of the request written
  char *buf;
  size_t len, cap;
} Conn;

static Request *reqs;
static Sample *samples;
static int nReqs, next, finished;
static char host[64];
static int port;
static double timeoutMs;
static int epfd;

static double wall(void) {
  struct timespec t;
  clock_gettime(CLOCK_REALTIME, &t);
  return t.tv_sec * 1000.0 + t.tv_nsec / 1e6;
}

static void record(Conn *c, int status, const char *code) {
  Sample *s = &samples[c->idx];
  s->done = wall();
  s->status = status;
  snprintf(s->code, sizeof s->code, "%s", code);
  c->busy = 0;
  finished++;
}

static void drop(Conn *c) {
  if (c->fd >= 0) { epoll_ctl(epfd, EPOLL_CTL_DEL, c->fd, NULL); close(c->fd); }
  c->fd = -1;
  c->connected = 0;
  c->len = 0;
}

static int openConn(Conn *c) {
  struct sockaddr_in a = {0};
  c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  if (c->fd < 0) return -1;
  int one = 1;
  setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  a.sin_family = AF_INET;
  a.sin_port = htons((unsigned short)port);
  inet_pton(AF_INET, host, &a.sin_addr);
  if (connect(c->fd, (struct sockaddr *)&a, sizeof a) < 0 && errno != EINPROGRESS) { drop(c); return -1; }
  struct epoll_event ev = { .events = EPOLLIN | EPOLLOUT, .data.ptr = c };
  epoll_ctl(epfd, EPOLL_CTL_ADD, c->fd, &ev);
  return 0;
}

static void writeMore(Conn *c) {
  Request *r = &reqs[c->idx];
  while (c->off < (size_t)r->len) {
    ssize_t w = send(c->fd, r->req + c->off, (size_t)r->len - c->off, MSG_NOSIGNAL);
    if (w > 0) { c->off += (size_t)w; continue; }
    if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
    record(c, 0, "SOCKET_ERROR");
    drop(c);
    return;
  }
  struct epoll_event ev = { .events = EPOLLIN | (c->off < (size_t)r->len ? EPOLLOUT : 0), .data.ptr = c };
  epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &ev);
}

static void startNext(Conn *c) {
  if (next >= nReqs) return;
  c->idx = next++;
  c->busy = 1;
  c->off = 0;
  samples[c->idx].sent = wall();
  if (c->fd < 0 && openConn(c) < 0) { record(c, 0, "SOCKET_ERROR"); return; }
  if (c->connected) writeMore(c);
}

// One whole response in the buffer? Then record it and keep what follows.
static int parse(Conn *c) {
  char *end = memmem(c->buf, c->len, "\r\n\r\n", 4);
  if (!end) return 0;
  size_t head = (size_t)(end - c->buf) + 4;
  int status = c->len > 12 ? atoi(c->buf + 9) : 0;
  long bodyLen = -1;
  for (char *p = c->buf; p && p < end; p = memmem(p, (size_t)(end - p), "\r\n", 2)) {
    p += 2;
    if ((size_t)(end - p) > 15 && !strncasecmp(p, "content-length:", 15)) { bodyLen = strtol(p + 15, NULL, 10); break; }
  }
  if (bodyLen < 0) { record(c, 0, "NO_CONTENT_LENGTH"); drop(c); return 0; }
  if (c->len < head + (size_t)bodyLen) return 0;
  char code[40] = "";
  if (status != 201) {
    char *k = memmem(c->buf + head, (size_t)bodyLen, "\"code\":\"", 8);
    if (k) {
      k += 8;
      int i = 0;
      while (i < 39 && k < c->buf + head + bodyLen && ((*k >= 'A' && *k <= 'Z') || *k == '_')) code[i++] = *k++;
      code[i] = 0;
    }
  }
  record(c, status, code);
  size_t used = head + (size_t)bodyLen;
  memmove(c->buf, c->buf + used, c->len - used);
  c->len -= used;
  return 1;
}

static void onEvent(Conn *c, unsigned events) {
  if (!c->connected) {
    int err = 0;
    socklen_t l = sizeof err;
    getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &l);
    if (err || (events & (EPOLLERR | EPOLLHUP))) { if (c->busy) record(c, 0, "SOCKET_ERROR"); drop(c); return; }
    c->connected = 1;
    if (c->busy) writeMore(c);
    return;
  }
  if (events & EPOLLOUT && c->busy) writeMore(c);
  if (!(events & (EPOLLIN | EPOLLERR | EPOLLHUP)) || c->fd < 0) return;
  for (;;) {
    if (c->cap - c->len < 4096) { c->cap = c->cap ? c->cap * 2 : 16384; c->buf = realloc(c->buf, c->cap); }
    ssize_t r = recv(c->fd, c->buf + c->len, c->cap - c->len, 0);
    if (r > 0) { c->len += (size_t)r; continue; }
    if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
    if (c->busy) record(c, 0, "SOCKET_ERROR"); // closed by the server, or an error
    drop(c);
    return;
  }
  if (c->busy && parse(c)) startNext(c);
}

static Request build(const char *kind, const char *path, char *line, int i) {
  char *buyerId = strtok(line, "\t"), *cookie = strtok(NULL, "\t"), *addressId = strtok(NULL, "\t\n");
  char body[256], auth[1024], *req = malloc(2048);
  int hotland = !strcmp(kind, "hotland");
  int bl = hotland ? snprintf(body, sizeof body, "{\"qty\":1,\"addressId\":\"%s\",\"freshConfirmed\":true}", addressId ? addressId : "")
                   : snprintf(body, sizeof body, "{\"qty\":1}");
  if (cookie && strcmp(cookie, "-")) snprintf(auth, sizeof auth, "cookie: %s", cookie);
  else snprintf(auth, sizeof auth, "x-buyer-id: %s", buyerId);
  size_t idLen = strlen(buyerId);
  int n = snprintf(req, 2048,
    "POST %s HTTP/1.1\r\nhost: %s:%d\r\ncontent-type: application/json\r\ncontent-length: %d\r\n"
    "idempotency-key: bench-%d-%d-%s\r\n%s\r\n\r\n%s",
    path, host, port, bl, (int)getpid(), i, buyerId + (idLen > 12 ? idLen - 12 : 0), auth, body);
  return (Request){ req, n };
}

int main(int argc, char **argv) {
  if (argc != 9) { fprintf(stderr, "usage: loadgen kind host port path buyersFile connections startAtMs timeoutMs\n"); return 2; }
  snprintf(host, sizeof host, "%s", argv[2]);
  port = atoi(argv[3]);
  int connections = atoi(argv[6]);
  double startAt = atof(argv[7]);
  timeoutMs = atof(argv[8]);
  struct rlimit rl;
  getrlimit(RLIMIT_NOFILE, &rl);
  rl.rlim_cur = rl.rlim_max;
  setrlimit(RLIMIT_NOFILE, &rl);

  FILE *f = fopen(argv[5], "r");
  if (!f) { perror(argv[5]); return 2; }
  char line[4096];
  int cap = 1024;
  reqs = malloc(sizeof(Request) * (size_t)cap);
  while (fgets(line, sizeof line, f)) {
    if (line[0] == '\n' || !line[0]) continue;
    if (nReqs == cap) { cap *= 2; reqs = realloc(reqs, sizeof(Request) * (size_t)cap); }
    reqs[nReqs] = build(argv[1], argv[4], line, nReqs); // built before the start signal
    nReqs++;
  }
  fclose(f);
  samples = calloc((size_t)nReqs + 1, sizeof(Sample));
  puts("{\"evt\":\"ready\"}");
  fflush(stdout);

  epfd = epoll_create1(0);
  Conn *conns = calloc((size_t)connections, sizeof(Conn));
  for (int i = 0; i < connections; i++) conns[i].fd = -1;
  double wait = startAt - wall();
  if (wait > 0) { struct timespec t = { (time_t)(wait / 1000), (long)((wait - (long)(wait / 1000) * 1000) * 1e6) }; nanosleep(&t, NULL); }
  struct rusage r0;
  getrusage(RUSAGE_SELF, &r0);
  for (int i = 0; i < connections; i++) startNext(&conns[i]);

  struct epoll_event evs[1024];
  while (finished < nReqs) {
    int n = epoll_wait(epfd, evs, 1024, 50);
    for (int i = 0; i < n; i++) {
      Conn *c = evs[i].data.ptr;
      if (c->fd >= 0) onEvent(c, evs[i].events);
    }
    double now = wall();
    for (int i = 0; i < connections; i++) {
      Conn *c = &conns[i];
      if (c->busy && now - samples[c->idx].sent > timeoutMs) { record(c, 0, "TIMEOUT"); drop(c); }
      if (!c->busy) startNext(c);
    }
  }
  struct rusage r1;
  getrusage(RUSAGE_SELF, &r1);
  double cpu = (r1.ru_utime.tv_sec - r0.ru_utime.tv_sec) + (r1.ru_utime.tv_usec - r0.ru_utime.tv_usec) / 1e6 +
               (r1.ru_stime.tv_sec - r0.ru_stime.tv_sec) + (r1.ru_stime.tv_usec - r0.ru_stime.tv_usec) / 1e6;
  printf("{\"evt\":\"done\",\"cpuSeconds\":%.3f,\"samples\":[", cpu);
  for (int i = 0; i < nReqs; i++)
    printf("%s[%.3f,%.3f,%d,\"%s\"]", i ? "," : "", samples[i].sent, samples[i].done, samples[i].status, samples[i].code);
  puts("]}");
  fflush(stdout);
  for (int i = 0; i < connections; i++) if (conns[i].fd >= 0) close(conns[i].fd);
  return 0;
}
