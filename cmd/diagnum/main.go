package main

import (
	_ "github.com/go-echarts/go-echarts/v2/charts"
	_ "github.com/rogpeppe/go-internal/testscript"
	_ "github.com/spf13/cobra"
	_ "github.com/xuri/excelize/v2"
	_ "go.yaml.in/yaml/v3"
	_ "golang.org/x/text/encoding/charmap"
	_ "gonum.org/v1/gonum/stat"
)

func main() {}
