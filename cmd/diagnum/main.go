// Command diagnum produces the territorial digital-inclusion diagnostic of French
// territories: see `diagnum --help`.
package main

import "os"

func main() {
	os.Exit(execute(os.Args[1:], os.Stdout, os.Stderr))
}
