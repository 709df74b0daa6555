import DroverCLI
import Migrations
import Foundation
exit(0)
