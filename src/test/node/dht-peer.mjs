// A real Mainline DHT node (npm bittorrent-dht) for the Java tests, on loopback.
// Usage: node dht-peer.mjs [BOOTSTRAP_HOST:PORT ...]   (no arguments: bootstrap from no one)
// Reads commands, one per line, on stdin:
//   announce HEX PORT   announce the info-hash (looks it up first)
//   lookup HEX          get_peers for the info-hash
// Prints one JSON object per line on stdout: listening, node, peer, announce (someone announced
// to us), announced, lookup-done, error.
import DHT from 'bittorrent-dht'
import readline from 'readline'

const say = o => process.stdout.write(JSON.stringify(o) + '\n')
const bootstrap = process.argv.slice(2)
const dht = new DHT({ bootstrap: bootstrap.length ? bootstrap : false, host: '127.0.0.1' })

dht.on('error', err => say({ event: 'error', message: String(err) }))
dht.on('warning', err => say({ event: 'warning', message: String(err) }))
dht.on('node', node => say({ event: 'node', host: node.host, port: node.port, id: node.id.toString('hex') }))
dht.on('peer', (peer, infoHash, from) => say({ event: 'peer', host: peer.host, port: peer.port, infoHash: infoHash.toString('hex') }))
dht.on('announce', (peer, infoHash) => say({ event: 'announce', host: peer.host, port: peer.port, infoHash: infoHash.toString('hex') }))
dht.on('ready', () => say({ event: 'ready', nodes: dht.toJSON().nodes.length }))
dht.listen(0, '127.0.0.1', () => say({ event: 'listening', port: dht.address().port, id: dht.nodeId.toString('hex') }))

readline.createInterface({ input: process.stdin }).on('line', line => {
  const [cmd, hex, port] = line.trim().split(/\s+/)
  if (cmd === 'announce') {
    dht.announce(hex, Number(port), err => say({ event: 'announced', infoHash: hex, error: err ? String(err) : null }))
  } else if (cmd === 'lookup') {
    dht.lookup(hex, (err, n) => say({ event: 'lookup-done', infoHash: hex, nodes: n, error: err ? String(err) : null }))
  }
}).on('close', () => dht.destroy(() => process.exit(0)))
