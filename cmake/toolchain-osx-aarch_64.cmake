# macOS on arm64, cross compiled from Linux with Zig (see ZigCrossToolchain.cmake). Nothing built here
# runs on this host: the check is that the library links with every symbol resolved.
set(CMAKE_SYSTEM_NAME Darwin)
set(CMAKE_SYSTEM_PROCESSOR arm64)
set(IPC4J_ZIG_TARGET aarch64-macos)
include(${CMAKE_CURRENT_LIST_DIR}/ZigCrossToolchain.cmake)
