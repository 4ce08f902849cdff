/**
 * Test fixtures shared by the modules' tests (they depend on testdata with test scope):
 * {@link dev.jbuild.testdata.LocalRegistry} runs Debian's {@code docker-registry} on a free
 * loopback port for the duration of a test class.
 */
package dev.jbuild.testdata;
