/** Reads FLV tags: enough to check that a stream carries H.264 (with its SPS/PPS header) and AAC. */
export function flvSummary(buf: Buffer) {
  const out = { isFlv: buf.subarray(0, 3).toString('latin1') === 'FLV', avcSequenceHeader: false, avcFrames: 0, aacFrames: 0, otherVideo: 0, metadata: false }
  if (!out.isFlv) return out
  let pos = buf.readUInt32BE(5) + 4 // header length + PreviousTagSize0
  while (pos + 11 <= buf.length) {
    const type = buf[pos]!
    const size = buf.readUIntBE(pos + 1, 3)
    const data = buf.subarray(pos + 11, pos + 11 + size)
    if (data.length < size) break
    if (type === 9) {
      if ((data[0]! & 0x0f) === 7) {
        if (data[1] === 0) out.avcSequenceHeader = true
        else out.avcFrames++
      } else out.otherVideo++
    } else if (type === 8 && data[0]! >> 4 === 10 && data[1] === 1) out.aacFrames++
    else if (type === 18) out.metadata = true
    pos += 11 + size + 4
  }
  return out
}
