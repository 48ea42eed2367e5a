# Linux on aarch64 for release: Zig links against glibc 2.17 (CentOS 7 era), so the library loads on
# old distributions too. The C tests use the host gcc / Debian cross gcc toolchains instead.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(IPC4J_ZIG_TARGET aarch64-linux-gnu.2.17)
include(${CMAKE_CURRENT_LIST_DIR}/ZigCrossToolchain.cmake)
