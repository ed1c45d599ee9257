/// Where an importer reads bytes from when the input is not in memory (a file, a pipe):
/// the importer pulls blocks of a few megabytes, so memory stays near the size of the
/// loaded panel whatever the input's size.
///
///     struct Chunks: ByteSource {                 // a source over an array, in pieces
///         var bytes: [UInt8], at = 0
///         mutating func read(into buffer: UnsafeMutableRawBufferPointer) -> Int? {
///             let n = min(buffer.count, bytes.count - at)
///             buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: ...)); at += n
///             return n
///         }
///     }
public protocol ByteSource {
    /// Copies up to `buffer.count` bytes into `buffer`; returns how many (0 at the end of
    /// the input), or nil when reading failed (then `failure` says why).
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) -> Int?

    /// Why the last `read` failed.
    var failure: String { get }
}

extension ByteSource {
    public var failure: String { "the input could not be read" }
}
