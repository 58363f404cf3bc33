# Warnings as errors for our own code only: third-party headers come in as
# system headers and are not affected.
add_library(yardstick_warnings INTERFACE)
target_compile_options(yardstick_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Werror -Wshadow=local -Wnon-virtual-dtor
    # GCC 12 at -O2 reports Asio's coroutine-frame allocator (aligned_alloc
    # paired with its own operator delete) as mismatched: a false positive.
    -Wno-mismatched-new-delete)
