// The source of the two targets that only make the suites' precompiled
// headers (tests/CMakeLists.txt): CMake makes a header for a target with
// something to compile.
