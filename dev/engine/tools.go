//go:build tools

// Package engine pins the Go modules of the Pulumi engine that
// tools/engine/build.sh compiles into .tools/bin. It is never built itself:
// the blank imports only keep the modules (and their go.sum lines) required.
package engine

import (
	_ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
	_ "github.com/pulumi/pulumi/sdk/v3/go/common/version"
)
