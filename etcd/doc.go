// Package etcd is mgmt's cluster: an embedded etcd server
// (go.etcd.io/etcd/server/v3/embed) and client per node, the membership of
// the nodes (who is an etcd member, who is only a client), and the World
// API on top of etcd's keys: the kv store, the scheduler, exported
// resources and deploys.
//
// All shared state is in etcd; nothing here replicates or agrees on
// anything by itself. Keys live under /_mgmt/ (see keys.go).
package etcd
