// A real BitTorrent tracker (the npm bittorrent-tracker server) on loopback, for the tests.
// Usage: node tracker.mjs INTERVAL_SECONDS [HTTP_HOST]   (HTTP_HOST: 127.0.0.1, or ::1 for IPv6)
// Prints one JSON line {"http":PORT,"udp":PORT} once listening, then one line per announce event
// ("start 127.0.0.1:6881", "update ...", "stop ...") as the tracker sees it. Ends when stdin closes.
import Server from 'bittorrent-tracker/server'

const interval = Number(process.argv[2] || 600) * 1000
const httpHost = process.argv[3] || '127.0.0.1'
// udp6 on ::1 explicitly: with one hostname for all, the udp6 socket would try 127.0.0.1 and fail.
const server = new Server({ interval, http: true, udp: true, ws: false, stats: false })
server.on('error', err => { console.error('tracker error: ' + err.message); process.exit(1) })
server.on('warning', err => { console.error('tracker warning: ' + err.message) })
for (const event of ['start', 'update', 'stop', 'complete']) {
  server.on(event, addr => { console.log(event + ' ' + addr) })
}
server.listen({ http: 0, udp: 0 }, { http: httpHost, udp: '127.0.0.1', udp6: '::1' }, () => {
  console.log(JSON.stringify({ http: server.http.address().port, udp: server.udp4.address().port }))
})
process.stdin.on('end', () => { server.close(); process.exit(0) })
process.stdin.resume()
