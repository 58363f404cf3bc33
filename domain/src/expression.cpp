// Evaluation of parsed expressions (the parser is in expression_parser.cpp). Recursion follows the tree, whose
// depth parse_program bounds through kMaxExpressionNesting, so evaluation cannot exhaust the stack.

#include "yardstick/domain/expression.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "expression_program.hpp"

namespace yardstick::domain {
namespace {

using expression_detail::Comparison;
using expression_detail::Node;
using expression_detail::NodeIndex;
using expression_detail::NodeKind;
using expression_detail::Program;
using AnswerLookup = std::function<ExpressionValue(std::string_view)>;

bool compare_numbers(Comparison comparison, double left, double right) {
    switch (comparison) {
        case Comparison::equal:
            return left == right;
        case Comparison::not_equal:
            return left != right;
        case Comparison::less:
            return left < right;
        case Comparison::less_equal:
            return left <= right;
        case Comparison::greater:
            return left > right;
        case Comparison::greater_equal:
            return left >= right;
    }
    return false;
}

/// Strings and booleans have equality but no order; an ordering comparison of them is false.
template <typename T>
bool compare_equality(Comparison comparison, const T& left, const T& right) {
    if (comparison == Comparison::equal) {
        return left == right;
    }
    if (comparison == Comparison::not_equal) {
        return left != right;
    }
    return false;
}

bool compare(Comparison comparison, const ExpressionValue& left, const ExpressionValue& right) {
    // Absent, mixed types and lists are all false, for every operator (see expression.hpp).
    if (left.index() != right.index()) {
        return false;
    }
    if (const auto* number = std::get_if<double>(&left)) {
        return compare_numbers(comparison, *number, std::get<double>(right));
    }
    if (const auto* text = std::get_if<std::string>(&left)) {
        return compare_equality(comparison, *text, std::get<std::string>(right));
    }
    if (const auto* flag = std::get_if<bool>(&left)) {
        return compare_equality(comparison, *flag, std::get<bool>(right));
    }
    return false;
}

bool is_true(const ExpressionValue& value) {
    if (const auto* flag = std::get_if<bool>(&value)) {
        return *flag;
    }
    if (const auto* number = std::get_if<double>(&value)) {
        return !std::isnan(*number) && *number != 0.0;
    }
    if (const auto* choices = std::get_if<std::vector<std::string>>(&value)) {
        return !choices->empty();
    }
    // Absent, and strings: a choice named 'no' must not count as true.
    return false;
}

bool is_selected(const ExpressionValue& answer, const std::string& choice) {
    if (const auto* choices = std::get_if<std::vector<std::string>>(&answer)) {
        return std::find(choices->begin(), choices->end(), choice) != choices->end();
    }
    if (const auto* text = std::get_if<std::string>(&answer)) {
        return *text == choice;
    }
    return false;
}

double count_selected(const ExpressionValue& answer) {
    if (const auto* choices = std::get_if<std::vector<std::string>>(&answer)) {
        return static_cast<double>(choices->size());
    }
    if (const auto* text = std::get_if<std::string>(&answer)) {
        return text->empty() ? 0.0 : 1.0;
    }
    return 0.0;
}

class Evaluator {
public:
    Evaluator(const Program& program, const AnswerLookup& answers, const ExpressionValue& current)
        : program_(program), answers_(answers), current_(current) {}

    bool condition(NodeIndex index) const {
        const Node& node = program_.nodes[index];
        switch (node.kind) {
            case NodeKind::logical_not:
                return !condition(node.operands.front());
            case NodeKind::logical_and:
                return std::all_of(node.operands.begin(), node.operands.end(),
                                   [this](NodeIndex operand) { return condition(operand); });
            case NodeKind::logical_or:
                return std::any_of(node.operands.begin(), node.operands.end(),
                                   [this](NodeIndex operand) { return condition(operand); });
            case NodeKind::comparison:
                return compare(node.comparison, value(node.operands[0]), value(node.operands[1]));
            case NodeKind::selected:
                return is_selected(value(node.operands.front()), std::get<std::string>(node.literal));
            case NodeKind::literal:
            case NodeKind::reference:
            case NodeKind::current:
            case NodeKind::count_selected:
                break;
        }
        return is_true(value(index));
    }

private:
    ExpressionValue value(NodeIndex index) const {
        const Node& node = program_.nodes[index];
        switch (node.kind) {
            case NodeKind::literal:
                return node.literal;
            case NodeKind::reference:
                return answers_ ? answers_(program_.references[node.reference]) : ExpressionValue{};
            case NodeKind::current:
                return current_;
            case NodeKind::count_selected:
                return count_selected(value(node.operands.front()));
            case NodeKind::logical_not:
            case NodeKind::logical_and:
            case NodeKind::logical_or:
            case NodeKind::comparison:
            case NodeKind::selected:
                break;
        }
        return condition(index);
    }

    const Program& program_;
    const AnswerLookup& answers_;
    const ExpressionValue& current_;
};

}  // namespace

Expression::Expression(std::shared_ptr<const Program> program) : program_(std::move(program)) {}

Result<Expression> Expression::parse(std::string_view text, ExpressionUse use) {
    auto program = expression_detail::parse_program(text, use);
    if (!program) {
        return std::move(program).error();
    }
    return Expression(std::make_shared<const Program>(std::move(program).value()));
}

const std::string& Expression::text() const {
    return program_->text;
}

const std::vector<std::string>& Expression::references() const {
    return program_->references;
}

bool Expression::evaluate(const AnswerLookup& answers, const ExpressionValue& current) const {
    return Evaluator(*program_, answers, current).condition(program_->root);
}

}  // namespace yardstick::domain
