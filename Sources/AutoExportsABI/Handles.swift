import CAutoExports

// The handle table: how every opaque C handle (aex_panel *, aex_rejections *, and the
// result handles of other sections) maps to a Swift object, so that a freed, forged or
// wrong-kind handle is an AEX_E_INVALID_HANDLE error instead of a crash.
//
// A handle is NOT a pointer to the object. It is a 64-bit value
//
//     bits 63...56  0xAE              magic: not a canonical x86-64/arm64 address, so a host
//                                     that dereferences a handle faults at once instead of
//                                     corrupting memory
//     bits 55...48  instance salt     random per loaded copy of the library
//     bits 47...24  generation        the slot's generation when the handle was made
//     bits 23...0   slot              index into the table (up to 16,777,215 live handles)
//
// and every call looks the slot up under a lock and checks magic, salt, slot, generation
// and the object's Swift type (the kind). Freeing bumps the slot's generation, so the old
// handle value no longer matches; freed slots are reused first-in first-out, so a slot
// comes back only after every other free slot was used.
//
// Detected: NULL; freed handles (double free, use after free); values that were never a
// handle (no magic, wrong salt, slot out of range); a handle of another kind (a rejection
// list passed where a panel is expected); handles of another loaded copy of the library
// (by the salt, with probability 255/256).
//
// Not detected (documented in include/autoexports.h, section "Data"):
// - a stale handle whose slot has since been reused exactly 2^24 times (the generation
//   wraps around); with FIFO reuse that needs 2^24 × (free slots) frees in between;
// - a forged value that reproduces magic, salt, slot and generation of a live handle;
// - another copy of the library whose random salt happens to equal ours (1 in 256).
// A call that is running while another thread frees the same handle finishes on the
// object (the lookup holds a strong reference); later calls fail with
// AEX_E_INVALID_HANDLE.
//
// Use from the entry points:
//
//     final class PanelObject: HandleObject { static let handleKind = "panel"; ... }
//     let h = try Handles.make(PanelObject(...))              // aex_panel_create
//     let p = try Handles.get(panel, "panel", as: PanelObject.self)  // every call
//     try Handles.free(panel, "panel", as: PanelObject.self)  // aex_panel_free (NULL ok)

/// A Swift object that C callers hold through an opaque handle.
///
/// The kind is the conforming class: `Handles.get(_:_:as:)` refuses a handle whose object
/// is of another class, naming both kinds in the message.
protocol HandleObject: AnyObject {
    /// The kind's name for error messages, as the header spells the type without `aex_`:
    /// `"panel"`, `"rejections"`.
    static var handleKind: String { get }
}

/// The process-wide table behind every handle (see the comment at the top of this file).
enum Handles {
    static let magic: UInt64 = 0xAE
    static let slotBits = 24
    static let generationBits = 24
    static let maxSlots = (1 << slotBits) - 1

    struct Slot {
        var generation: UInt32 = 1
        var object: AnyObject? = nil
        var kind: String = ""
    }

    struct State {
        var slots: [Slot] = []
        /// Free slots, first-in first-out: `incoming` receives freed slots, `outgoing` is
        /// consumed from the end; when it is empty, `incoming` reversed becomes it.
        var incoming: [Int32] = []
        var outgoing: [Int32] = []
        var live = 0
    }

    static let salt: UInt64 = {
        var rng = SystemRandomNumberGenerator()
        return UInt64.random(in: 0...255, using: &rng)
    }()

    static let table = Locked(State())

    static func encode(slot: Int, generation: UInt32) -> UInt64 {
        magic << 56 | salt << 48 | UInt64(generation & 0xFF_FFFF) << 24 | UInt64(slot)
    }

    /// Registers `object` and returns its new handle.
    ///
    /// - Throws: `AEX_E_TOO_LARGE` when 16,777,215 handles are alive.
    /// - Complexity: O(1) amortized.
    static func make(_ object: some HandleObject) throws(ABIError) -> OpaquePointer {
        let kind = type(of: object).handleKind
        let value: UInt64? = table.withLock { (s: inout State) -> UInt64? in
            if s.outgoing.isEmpty && !s.incoming.isEmpty {
                s.outgoing = s.incoming.reversed()
                s.incoming.removeAll(keepingCapacity: true)
            }
            let slot: Int
            if let free = s.outgoing.popLast() {
                slot = Int(free)
            } else {
                guard s.slots.count < maxSlots else { return nil }
                slot = s.slots.count
                s.slots.append(Slot())
            }
            s.slots[slot].object = object
            s.slots[slot].kind = kind
            s.live += 1
            return encode(slot: slot, generation: s.slots[slot].generation)
        }
        guard let value, let pointer = OpaquePointer(bitPattern: UInt(value)) else {
            throw ABIError(status: AEX_E_TOO_LARGE, message: "too many live handles (at most \(maxSlots)); free some")
        }
        return pointer
    }

    /// Decodes a handle value: the slot and generation, or a message saying why it is not
    /// one of ours.
    static func decode(_ handle: OpaquePointer?, _ name: String) throws(ABIError) -> (slot: Int, generation: UInt32) {
        guard let handle else { throw ABIError(status: AEX_E_INVALID_HANDLE, message: "\(name) is NULL") }
        let v = UInt64(UInt(bitPattern: handle))
        guard v >> 56 == magic, (v >> 48) & 0xFF == salt else {
            throw ABIError(
                status: AEX_E_INVALID_HANDLE,
                message: "\(name) is not a handle of this library (a pointer, or a handle of another copy of it)")
        }
        return (Int(v & 0xFF_FFFF), UInt32((v >> 24) & 0xFF_FFFF))
    }

    /// The object behind `handle`, which must be a live handle of kind `T`.
    ///
    /// - Parameter name: The argument's name, for the message (`"panel"`).
    /// - Throws: `AEX_E_INVALID_HANDLE` naming the argument and what is wrong (NULL,
    ///   freed, not a handle, another kind).
    /// - Complexity: O(1); takes the table's lock briefly.
    static func get<T: HandleObject>(_ handle: OpaquePointer?, _ name: String, as: T.Type) throws(ABIError) -> T {
        let (slot, generation) = try decode(handle, name)
        let found: (AnyObject?, String) = table.withLock { s in
            guard slot < s.slots.count, s.slots[slot].generation & 0xFF_FFFF == generation,
                let o = s.slots[slot].object
            else { return (nil, "") }
            return (o, s.slots[slot].kind)
        }
        guard let object = found.0 else {
            throw ABIError(status: AEX_E_INVALID_HANDLE, message: "\(name) is a freed or unknown handle")
        }
        guard let typed = object as? T else {
            throw ABIError(
                status: AEX_E_INVALID_HANDLE,
                message: "\(name) is a \(found.1) handle, expected a \(T.handleKind) handle")
        }
        return typed
    }

    /// Frees `handle` (a no-op for NULL). The object is released when no other handle or
    /// running call holds it.
    ///
    /// - Throws: `AEX_E_INVALID_HANDLE` for a freed, foreign or wrong-kind handle.
    /// - Complexity: O(1).
    static func free<T: HandleObject>(_ handle: OpaquePointer?, _ name: String, as: T.Type) throws(ABIError) {
        guard handle != nil else { return }
        let (slot, generation) = try decode(handle, name)
        // Take the object out under the lock, release it after (its deinit may be long).
        let taken: (AnyObject?, String, Bool) = table.withLock { s in
            guard slot < s.slots.count, s.slots[slot].generation & 0xFF_FFFF == generation,
                let o = s.slots[slot].object
            else { return (nil, "", false) }
            guard o is T else { return (nil, s.slots[slot].kind, false) }
            s.slots[slot].object = nil
            s.slots[slot].kind = ""
            s.slots[slot].generation = s.slots[slot].generation &+ 1
            if s.slots[slot].generation & 0xFF_FFFF == 0 { s.slots[slot].generation = 1 }
            s.incoming.append(Int32(slot))
            s.live -= 1
            return (o, "", true)
        }
        if !taken.2 {
            if taken.1.isEmpty {
                throw ABIError(
                    status: AEX_E_INVALID_HANDLE, message: "\(name) is a freed or unknown handle (double free?)")
            }
            throw ABIError(
                status: AEX_E_INVALID_HANDLE,
                message: "\(name) is a \(taken.1) handle, expected a \(T.handleKind) handle")
        }
        _ = taken.0
    }

    /// Number of live handles (for tests and leak checks).
    static var liveCount: Int { table.withLock { $0.live } }
}

/// Validates an out-parameter for a new handle.
@inline(__always)
func checkHandleOutput<T>(_ p: UnsafeMutablePointer<T>?, _ name: String) throws(ABIError) -> UnsafeMutablePointer<T> {
    guard let p else { throw .null(name) }
    return p
}
