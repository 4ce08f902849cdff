/**
 * Test fixtures shared by the modules' tests (they depend on testdata with test scope):
 * {@link dev.jbuild.testdata.LocalRegistry} runs Debian's {@code docker-registry} on a free
 * loopback port for one test class (optionally HTTPS, htpasswd basic auth, an access log); {@link
 * dev.jbuild.testdata.FaultInjectingProxy} stands between a client and it to reset connections,
 * answer 503 and cut uploads; {@link dev.jbuild.testdata.TestBed} is the shared test bed
 * (the registry on 127.0.0.1:5000 seeded with base images built by jbuild, and a docker engine
 * to run results); processes are run the way a user runs them.
 */
package dev.jbuild.testdata;
