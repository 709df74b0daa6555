/// Facts about this build of Drover.
public enum Drover {
    /// The version `drover --version` prints.
    public static let version = "0.1.0"
}
