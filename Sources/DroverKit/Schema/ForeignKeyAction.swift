/// What happens to referencing rows when the referenced row goes away.
public enum ForeignKeyAction: String, Hashable, Sendable {
    case noAction = "NO ACTION"
    case restrict = "RESTRICT"
    case cascade = "CASCADE"
    case setNull = "SET NULL"
    case setDefault = "SET DEFAULT"
}
