import DroverKit
