extension ContinuousClock.Instant {
    /// Whole milliseconds from this instant until now.
    var milliseconds: Int {
        let elapsed = duration(to: .now).components
        return Int(elapsed.seconds * 1000 + elapsed.attoseconds / 1_000_000_000_000_000)
    }
}
