// Recursive-descent parser and load-time type check for expressions (grammar in expression.hpp; tokens come
// from expression_lexer.cpp).

#include <algorithm>
#include <string>
#include <utility>

#include "expression_lexer.hpp"
#include "expression_program.hpp"

namespace yardstick::domain::expression_detail {
namespace {

/// What the static type of a node is known to be at load time; `unknown` for answers.
enum class StaticType { unknown, boolean, number, string };

std::string_view spelling_of(Comparison comparison) {
    switch (comparison) {
        case Comparison::equal:
            return "=";
        case Comparison::not_equal:
            return "!=";
        case Comparison::less:
            return "<";
        case Comparison::less_equal:
            return "<=";
        case Comparison::greater:
            return ">";
        case Comparison::greater_equal:
            return ">=";
    }
    return "=";
}

std::string_view name_of(StaticType type) {
    switch (type) {
        case StaticType::boolean:
            return "true/false";
        case StaticType::number:
            return "a number";
        case StaticType::string:
            return "a string";
        case StaticType::unknown:
            break;
    }
    return "an answer";
}

StaticType static_type(const Node& node) {
    switch (node.kind) {
        case NodeKind::literal:
            if (std::holds_alternative<bool>(node.literal)) {
                return StaticType::boolean;
            }
            return std::holds_alternative<double>(node.literal) ? StaticType::number : StaticType::string;
        case NodeKind::reference:
        case NodeKind::current:
            return StaticType::unknown;
        case NodeKind::count_selected:
            return StaticType::number;
        case NodeKind::logical_not:
        case NodeKind::logical_and:
        case NodeKind::logical_or:
        case NodeKind::comparison:
        case NodeKind::selected:
            break;
    }
    return StaticType::boolean;
}

class Parser {
public:
    Parser(std::string_view text, ExpressionUse use)
        : text_(text), use_(use), errors_(text, use), lexer_(text, errors_) {}

    Result<Program> run() {
        if (const std::size_t length = character_count(text_); length > kMaxExpressionLength) {
            return errors_.at(offset_of_character(kMaxExpressionLength), "expression is " + std::to_string(length) +
                                                                             " characters long; the limit is " +
                                                                             std::to_string(kMaxExpressionLength));
        }
        if (auto status = advance(); !status) {
            return std::move(status).error();
        }
        if (token_.kind == TokenKind::end) {
            return errors_.at(0, "expression is empty");
        }
        auto root = parse_or(0);
        if (!root) {
            return std::move(root).error();
        }
        if (token_.kind != TokenKind::end) {
            return errors_.at(token_.offset,
                              token_.kind == TokenKind::close_paren
                                  ? "unexpected ')' without a matching '('"
                                  : "expected 'and', 'or' or the end of the expression, found " + describe(token_));
        }
        if (auto status = check_condition(*root); !status) {
            return std::move(status).error();
        }
        program_.text = std::string(text_);
        program_.root = *root;
        return std::move(program_);
    }

private:
    Status advance() {
        auto token = lexer_.next();
        if (!token) {
            return std::move(token).error();
        }
        token_ = *token;
        return {};
    }

    /// Byte offset of the character with 0-based index `index`; the first one past the limit is where to point.
    std::size_t offset_of_character(std::size_t index) const {
        std::size_t seen = 0;
        for (std::size_t offset = 0; offset < text_.size(); ++offset) {
            if ((static_cast<unsigned char>(text_[offset]) & 0xC0) != 0x80 && seen++ == index) {
                return offset;
            }
        }
        return text_.size();
    }

    bool at_word(std::string_view word) const { return token_.kind == TokenKind::word && token_.spelling == word; }

    NodeIndex add(Node node) {
        program_.nodes.push_back(std::move(node));
        return program_.nodes.size() - 1;
    }

    /// Rejects what can never be a true condition: a quoted string.
    Status check_condition(NodeIndex index) const {
        const Node& node = program_.nodes[index];
        if (static_type(node) == StaticType::string) {
            return errors_.at(node.offset, "a quoted string is not a condition; compare it, e.g. ${q} = 'yes'");
        }
        return {};
    }

    /// Opening a parenthesis at `depth` (the number already open) yields depth + 1, within the limit. `after`
    /// names what needs the parenthesis, for the message when it is missing.
    Result<int> open(int depth, std::string_view after) {
        if (token_.kind != TokenKind::open_paren) {
            return errors_.at(token_.offset, "expected '(' after " + quoted(after) + ", found " + describe(token_));
        }
        if (depth >= kMaxExpressionNesting) {
            return errors_.at(token_.offset, "parentheses are nested more than " +
                                                 std::to_string(kMaxExpressionNesting) + " levels deep");
        }
        if (auto status = advance(); !status) {
            return std::move(status).error();
        }
        return depth + 1;
    }

    Status expect(TokenKind kind, const std::string& message) {
        if (token_.kind != kind) {
            return errors_.at(token_.offset, message + ", found " + describe(token_));
        }
        return advance();
    }

    // or := and ('or' and)*   and := comparison ('and' comparison)*
    // Chains become one node with many operands rather than a deep tree, so their length costs no depth.
    Result<NodeIndex> parse_or(int depth) { return parse_chain(depth, "or", NodeKind::logical_or); }

    Result<NodeIndex> parse_chain(int depth, std::string_view word, NodeKind kind) {
        auto first = parse_chain_operand(depth, kind);
        if (!first || !at_word(word)) {
            return first;
        }
        Node chain;
        chain.kind = kind;
        chain.offset = program_.nodes[*first].offset;
        chain.operands.push_back(*first);
        while (at_word(word)) {
            if (auto status = advance(); !status) {
                return std::move(status).error();
            }
            auto next = parse_chain_operand(depth, kind);
            if (!next) {
                return next;
            }
            chain.operands.push_back(*next);
        }
        for (const NodeIndex operand : chain.operands) {
            if (auto status = check_condition(operand); !status) {
                return std::move(status).error();
            }
        }
        return add(std::move(chain));
    }

    /// The operands of an 'or' chain are 'and' chains; those of an 'and' chain are comparisons.
    Result<NodeIndex> parse_chain_operand(int depth, NodeKind kind) {
        return kind == NodeKind::logical_or ? parse_chain(depth, "and", NodeKind::logical_and)
                                            : parse_comparison(depth);
    }

    Result<NodeIndex> parse_comparison(int depth) {
        auto left = parse_primary(depth);
        if (!left || token_.kind != TokenKind::comparison) {
            return left;
        }
        const Token op = token_;
        if (auto status = advance(); !status) {
            return std::move(status).error();
        }
        auto right = parse_primary(depth);
        if (!right) {
            return right;
        }
        if (token_.kind == TokenKind::comparison) {
            return errors_.at(token_.offset, "comparisons do not chain; join them with 'and'");
        }
        const StaticType left_type = static_type(program_.nodes[*left]);
        const StaticType right_type = static_type(program_.nodes[*right]);
        if (left_type != StaticType::unknown && right_type != StaticType::unknown && left_type != right_type) {
            return errors_.at(op.offset, "cannot compare " + std::string(name_of(left_type)) + " with " +
                                             std::string(name_of(right_type)) + "; the comparison is never true");
        }
        const bool ordering = op.comparison != Comparison::equal && op.comparison != Comparison::not_equal;
        for (const StaticType type : {left_type, right_type}) {
            if (ordering && (type == StaticType::string || type == StaticType::boolean)) {
                return errors_.at(op.offset, std::string(name_of(type)) + " cannot be compared with " +
                                                 quoted(spelling_of(op.comparison)) + ", only with '=' and '!='");
            }
        }
        Node node;
        node.kind = NodeKind::comparison;
        node.offset = program_.nodes[*left].offset;
        node.comparison = op.comparison;
        node.operands = {*left, *right};
        return add(std::move(node));
    }

    Result<NodeIndex> parse_primary(int depth) {
        Node node;
        node.offset = token_.offset;
        switch (token_.kind) {
            case TokenKind::number:
                node.literal = token_.number;
                break;
            case TokenKind::string:
                node.literal = std::string(token_.name);
                break;
            case TokenKind::reference:
                node.kind = NodeKind::reference;
                node.reference = reference_index(token_.name);
                break;
            case TokenKind::current:
                if (use_ != ExpressionUse::constraint) {
                    return errors_.at(token_.offset, "'.' may only be used in a constraint");
                }
                node.kind = NodeKind::current;
                break;
            case TokenKind::open_paren:
                return parse_group(depth);
            case TokenKind::word:
                return parse_word(depth);
            case TokenKind::close_paren:
            case TokenKind::comma:
            case TokenKind::comparison:
            case TokenKind::end:
                return errors_.at(token_.offset, "expected a value, found " + describe(token_));
        }
        if (auto status = advance(); !status) {
            return std::move(status).error();
        }
        return add(std::move(node));
    }

    std::size_t reference_index(std::string_view key) {
        auto& references = program_.references;
        const auto found = std::find(references.begin(), references.end(), key);
        if (found != references.end()) {
            return static_cast<std::size_t>(found - references.begin());
        }
        references.emplace_back(key);
        return references.size() - 1;
    }

    Result<NodeIndex> parse_group(int depth) {
        const std::size_t open_offset = token_.offset;
        auto inner_depth = open(depth, "(");
        if (!inner_depth) {
            return std::move(inner_depth).error();
        }
        auto inner = parse_or(*inner_depth);
        if (!inner) {
            return inner;
        }
        const std::string message =
            "expected ')' to close the '(' at " + std::to_string(character_count(text_.substr(0, open_offset)) + 1);
        if (auto status = expect(TokenKind::close_paren, message); !status) {
            return std::move(status).error();
        }
        return inner;
    }

    Result<NodeIndex> parse_word(int depth) {
        const std::string_view word = token_.spelling;
        if (word == "true" || word == "false") {
            Node node;
            node.offset = token_.offset;
            node.literal = word == "true";
            if (auto status = advance(); !status) {
                return std::move(status).error();
            }
            return add(std::move(node));
        }
        if (word == "not") {
            return parse_not(depth);
        }
        if (word == "selected" || word == "count-selected") {
            return parse_choice_function(depth);
        }
        if (word == "and" || word == "or") {
            return errors_.at(token_.offset, "expected a value, found " + describe(token_));
        }
        return errors_.at(token_.offset, unknown_word_message(word, lexer_.open_paren_follows()));
    }

    static std::string unknown_word_message(std::string_view word, bool called) {
        std::string message = (called ? "unknown function " : "unknown name ") + quoted(word);
        if (const std::string reserved = misspelt_reserved_word(word); !reserved.empty()) {
            return message + "; write " + quoted(reserved) + " in lower case";
        }
        if (called) {
            return message + "; the functions are not(), selected() and count-selected()";
        }
        return message + "; an answer is written ${key}";
    }

    Result<NodeIndex> parse_not(int depth) {
        Node node;
        node.kind = NodeKind::logical_not;
        node.offset = token_.offset;
        if (auto status = advance(); !status) {
            return std::move(status).error();
        }
        auto inner_depth = open(depth, "not");
        if (!inner_depth) {
            return std::move(inner_depth).error();
        }
        auto operand = parse_or(*inner_depth);
        if (!operand) {
            return operand;
        }
        if (auto status = expect(TokenKind::close_paren, "expected ')' after the argument of not()"); !status) {
            return std::move(status).error();
        }
        if (auto status = check_condition(*operand); !status) {
            return std::move(status).error();
        }
        node.operands.push_back(*operand);
        return add(std::move(node));
    }

    // selected(answer, 'choice') and count-selected(answer): the answer must be ${key} or '.', the choice a
    // string literal, so that both can be checked here rather than failing silently at run time.
    Result<NodeIndex> parse_choice_function(int depth) {
        const std::string_view name = token_.spelling;
        const std::string function = std::string(name) + "()";
        Node node;
        node.kind = token_.spelling == "selected" ? NodeKind::selected : NodeKind::count_selected;
        node.offset = token_.offset;
        if (auto status = advance(); !status) {
            return std::move(status).error();
        }
        if (auto inner_depth = open(depth, name); !inner_depth) {
            return std::move(inner_depth).error();
        }
        if (token_.kind != TokenKind::reference && token_.kind != TokenKind::current) {
            return errors_.at(token_.offset, "expected an answer such as ${key} as the first argument of " + function +
                                                 ", found " + describe(token_));
        }
        auto answer = parse_primary(depth);
        if (!answer) {
            return answer;
        }
        node.operands.push_back(*answer);
        if (node.kind == NodeKind::selected) {
            if (auto status = expect(TokenKind::comma, "expected ',' after the first argument of " + function);
                !status) {
                return std::move(status).error();
            }
            if (token_.kind != TokenKind::string) {
                return errors_.at(token_.offset, "expected a quoted choice such as 'crm' as the second argument of " +
                                                     function + ", found " + describe(token_));
            }
            node.literal = std::string(token_.name);
            if (auto status = advance(); !status) {
                return std::move(status).error();
            }
        }
        const std::string after = node.kind == NodeKind::selected ? "the second argument" : "the argument";
        if (auto status = expect(TokenKind::close_paren, "expected ')' after " + after + " of " + function); !status) {
            return std::move(status).error();
        }
        return add(std::move(node));
    }

    std::string_view text_;
    ExpressionUse use_;
    ErrorReporter errors_;
    Lexer lexer_;
    Token token_;
    Program program_;
};

}  // namespace

Result<Program> parse_program(std::string_view text, ExpressionUse use) {
    return Parser(text, use).run();
}

}  // namespace yardstick::domain::expression_detail
