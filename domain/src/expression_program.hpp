#pragma once
// The parsed form of an Expression, private to domain/: built by expression_parser.cpp, evaluated by
// expression.cpp. A flat vector of nodes addressed by index, so that copies of an Expression share one
// immutable Program and no node owns another.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "yardstick/domain/expression.hpp"
#include "yardstick/domain/result.hpp"

namespace yardstick::domain::expression_detail {

using NodeIndex = std::size_t;

enum class NodeKind {
    literal,         ///< `literal` holds a bool, double or string
    reference,       ///< ${key}; `reference` indexes Program::references
    current,         ///< '.'
    logical_not,     ///< one operand
    logical_and,     ///< two or more operands, evaluated left to right until one is false
    logical_or,      ///< two or more operands, evaluated left to right until one is true
    comparison,      ///< two operands and `comparison`
    selected,        ///< one operand (a reference or '.'); `literal` holds the choice as a string
    count_selected,  ///< one operand (a reference or '.')
};

enum class Comparison { equal, not_equal, less, less_equal, greater, greater_equal };

struct Node {
    NodeKind kind = NodeKind::literal;
    std::size_t offset = 0;  ///< byte offset of the node's first character, for load-time messages
    Comparison comparison = Comparison::equal;
    ExpressionValue literal;
    std::size_t reference = 0;
    std::vector<NodeIndex> operands;
};

/// Invariant (established by parse_program): every operand index is smaller than its parent's, so the tree has
/// no cycles, and its depth is bounded through kMaxExpressionNesting.
struct Program {
    std::string text;
    std::vector<std::string> references;
    std::vector<Node> nodes;
    NodeIndex root = 0;
};

/// Lexes, parses and type-checks `text` (see expression.hpp for the grammar and the errors).
Result<Program> parse_program(std::string_view text, ExpressionUse use);

}  // namespace yardstick::domain::expression_detail
