// Baseline for the live-fanout benchmark: the naive socket.io room. Every chat message is broadcast to the room the
// moment it arrives, and so is every like frame. No batching, no sampling, no auth, no database: this is the
// "plain socket.io broadcast server" the Hotland hub is compared against (see ../README.md).
import { createServer } from 'node:http'
import { randomUUID } from 'node:crypto'
import { Server } from 'socket.io'

const port = Number(process.env.PORT ?? 3900)
const room = 'bench-room'
const http = createServer((req, res) => {
  if (req.url === '/ready') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ready"}')
    return
  }
  res.writeHead(404).end()
})
// WebSocket transport only (the Hotland side is a plain WebSocket too); permessage-deflate off, as on the Hotland side.
const io = new Server(http, { transports: ['websocket'], perMessageDeflate: false, serveClient: false, maxHttpBufferSize: 2048 })

let likes = 0
io.on('connection', (socket) => {
  void socket.join(room)
  const userId = `usr_${socket.id}`
  socket.on('chat', (text: unknown) => {
    if (typeof text !== 'string' || !text.trim() || text.length > 100) return
    // Same shape and roughly the same bytes as Hotland's ChatMessage.
    io.to(room).emit('chat', { id: `msg_${randomUUID()}`, userId, displayName: 'bench', text, role: null, at: new Date().toISOString() })
  })
  socket.on('like', (count: unknown) => {
    const n = Math.max(1, Math.min(10, Math.floor(Number(count) || 1)))
    likes += n
    io.to(room).emit('likes', { total: likes })
  })
})

http.listen(port, '127.0.0.1')
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => { io.close(); process.exit(0) })
