/**
 * Test fixtures shared by the modules' tests (test scope only): the test bed (the registry on
 * 127.0.0.1:5000 seeded with base images built by jbuild, and a docker engine to run results),
 * processes run the way a user runs them, and the repository's layout.
 */
package dev.jbuild.testdata;
