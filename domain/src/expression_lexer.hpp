#pragma once
// Tokens of the expression language (grammar in expression.hpp), private to domain/. The parser pulls them one
// at a time, so that the first problem in reading order is the one reported, whether lexical or grammatical.

#include <cstddef>
#include <string>
#include <string_view>

#include "expression_program.hpp"
#include "yardstick/domain/result.hpp"

namespace yardstick::domain::expression_detail {

/// Number of UTF-8 code points, so that positions match the column an author's editor shows.
std::size_t character_count(std::string_view text);

std::string quoted(std::string_view text);

/// The reserved word `word` stands for when written in the wrong case ("AND" → "and"), or "".
std::string misspelt_reserved_word(std::string_view word);

/// Builds every load-time error, so that all have the same shape: invalid_argument, "at <position>: <what>",
/// one FieldError named after the use ("relevant" or "constraint").
class ErrorReporter {
public:
    ErrorReporter(std::string_view text, ExpressionUse use) : text_(text), use_(use) {}

    /// `offset` is a byte offset into the text; the message gets the 1-based character position.
    Error at(std::size_t offset, const std::string& message) const;

private:
    std::string_view text_;
    ExpressionUse use_;
};

enum class TokenKind { end, number, string, reference, current, open_paren, close_paren, comma, comparison, word };

struct Token {
    TokenKind kind = TokenKind::end;
    std::size_t offset = 0;  ///< byte offset in the text
    std::string_view spelling;
    std::string_view name;  ///< contents of a string, key of a reference
    double number = 0.0;
    Comparison comparison = Comparison::equal;
};

/// How a message names a token: "the end of the expression", 'x', '${q}', 'AND' (with a hint on the case).
std::string describe(const Token& token);

/// Splits the text into tokens. Words ([A-Za-z_][A-Za-z0-9_-]*) are returned as such; the parser decides which
/// are known. Holds views into the text and the reporter, which must outlive it.
class Lexer {
public:
    Lexer(std::string_view text, const ErrorReporter& errors) : text_(text), errors_(errors) {}

    Result<Token> next();

    /// True when the next non-space character is '(': tells an unknown function from an unknown name.
    bool open_paren_follows() const;

private:
    char peek(std::size_t ahead) const;
    Token take(TokenKind kind, std::size_t length);
    Token take_comparison(Comparison comparison, std::size_t length);
    Result<Token> take_string();
    Result<Token> take_reference();
    Result<Token> take_number();

    std::string_view text_;
    const ErrorReporter& errors_;
    std::size_t offset_ = 0;
};

}  // namespace yardstick::domain::expression_detail
