#pragma once
// A 128-bit integer for exact intermediate sums of squares: n·Σx² − (Σx)² of
// 64-bit sums needs up to 127 bits. GCC and Clang provide it; __extension__
// keeps -Wpedantic quiet about a type the standard does not name.

namespace yardstick::evaluation {

__extension__ using WideInteger = __int128;

}  // namespace yardstick::evaluation
