// Package scaletest runs the coach as it runs scaled out, on loopback: two
// replicas of the real binary behind nginx (round robin, with the
// configuration deploy/compose/nginx.conf ships), sharing Redis, and a fake
// OpenAI-compatible upstream that counts its calls. Its test checks that
// rate limits hold across replicas, that an LLM answer is computed once for
// all of them, that stopping a replica loses no request nginx could route
// to the other, and that a Redis outage costs limits and caching, never
// requests.
//
// It needs Debian's redis-server and nginx; without them the test is
// skipped, except in CI (CI=true), where .ci/run installs them.
package scaletest
