// Lexer of the expression language (see expression_lexer.hpp).

#include "expression_lexer.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <system_error>

namespace yardstick::domain::expression_detail {
namespace {

constexpr std::array<std::string_view, 7> kReservedWords = {"and",   "or",       "not",           "true",
                                                            "false", "selected", "count-selected"};

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_lower(char c) {
    return c >= 'a' && c <= 'z';
}
bool is_key_char(char c) {
    return is_lower(c) || is_digit(c) || c == '_';
}
bool is_word_start(char c) {
    return is_lower(c) || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_word_char(char c) {
    return is_word_start(c) || is_digit(c) || c == '-';
}
bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string unexpected_character_message(char c) {
    if (static_cast<unsigned char>(c) >= 0x80 || std::iscntrl(static_cast<unsigned char>(c)) != 0) {
        return "unexpected character";
    }
    std::string message = "unexpected character " + quoted(std::string_view(&c, 1));
    if (c == '"') {
        message += "; strings use single quotes";
    } else if (c == '&' || c == '|') {
        message += "; write 'and' or 'or'";
    }
    return message;
}

}  // namespace

std::size_t character_count(std::string_view text) {
    // Continuation bytes of UTF-8 look like 10xxxxxx; every other byte starts a character.
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string quoted(std::string_view text) {
    return "'" + std::string(text) + "'";
}

std::string misspelt_reserved_word(std::string_view word) {
    std::string lower(word);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower != word && std::find(kReservedWords.begin(), kReservedWords.end(), lower) != kReservedWords.end()) {
        return lower;
    }
    return "";
}

Error ErrorReporter::at(std::size_t offset, const std::string& message) const {
    const std::size_t position = character_count(text_.substr(0, std::min(offset, text_.size()))) + 1;
    return Error::invalid(use_ == ExpressionUse::constraint ? "constraint" : "relevant",
                          "at " + std::to_string(position) + ": " + message);
}

std::string describe(const Token& token) {
    if (token.kind == TokenKind::end) {
        return "the end of the expression";
    }
    if (token.kind == TokenKind::string) {
        return std::string(token.spelling);  // already quoted
    }
    if (token.kind == TokenKind::word) {
        if (const std::string word = misspelt_reserved_word(token.spelling); !word.empty()) {
            return quoted(token.spelling) + "; write " + quoted(word) + " in lower case";
        }
    }
    return quoted(token.spelling);
}

Result<Token> Lexer::next() {
    while (offset_ < text_.size() && is_space(text_[offset_])) {
        ++offset_;
    }
    if (offset_ == text_.size()) {
        return Token{TokenKind::end, offset_, {}, {}, 0.0, Comparison::equal};
    }
    const char c = text_[offset_];
    switch (c) {
        case '(':
            return take(TokenKind::open_paren, 1);
        case ')':
            return take(TokenKind::close_paren, 1);
        case ',':
            return take(TokenKind::comma, 1);
        case '=':
            if (peek(1) == '=') {
                return errors_.at(offset_, "'==' is not an operator; write '='");
            }
            return take_comparison(Comparison::equal, 1);
        case '!':
            if (peek(1) == '=') {
                return take_comparison(Comparison::not_equal, 2);
            }
            return errors_.at(offset_, "unexpected '!'; write not(...) or '!='");
        case '<':
            return peek(1) == '=' ? take_comparison(Comparison::less_equal, 2) : take_comparison(Comparison::less, 1);
        case '>':
            return peek(1) == '=' ? take_comparison(Comparison::greater_equal, 2)
                                  : take_comparison(Comparison::greater, 1);
        case '\'':
            return take_string();
        case '$':
            return take_reference();
        case '.':
            if (is_digit(peek(1))) {
                return errors_.at(offset_, "a number needs a digit before the decimal point, e.g. 0.5");
            }
            return take(TokenKind::current, 1);
        default:
            break;
    }
    if (c == '-' || is_digit(c)) {
        return take_number();
    }
    if (is_word_start(c)) {
        std::size_t end = offset_ + 1;
        while (end < text_.size() && is_word_char(text_[end])) {
            ++end;
        }
        return take(TokenKind::word, end - offset_);
    }
    return errors_.at(offset_, unexpected_character_message(c));
}

bool Lexer::open_paren_follows() const {
    std::size_t at = offset_;
    while (at < text_.size() && is_space(text_[at])) {
        ++at;
    }
    return at < text_.size() && text_[at] == '(';
}

char Lexer::peek(std::size_t ahead) const {
    return offset_ + ahead < text_.size() ? text_[offset_ + ahead] : '\0';
}

Token Lexer::take(TokenKind kind, std::size_t length) {
    Token token{kind, offset_, text_.substr(offset_, length), {}, 0.0, Comparison::equal};
    offset_ += length;
    return token;
}

Token Lexer::take_comparison(Comparison comparison, std::size_t length) {
    Token token = take(TokenKind::comparison, length);
    token.comparison = comparison;
    return token;
}

// 'text': no escapes, since a choice value never contains a quote; the string ends at the next quote.
Result<Token> Lexer::take_string() {
    const std::size_t close = text_.find('\'', offset_ + 1);
    if (close == std::string_view::npos) {
        return errors_.at(offset_, "unterminated string; close it with '");
    }
    Token token = take(TokenKind::string, close + 1 - offset_);
    token.name = token.spelling.substr(1, token.spelling.size() - 2);
    return token;
}

// ${key} with key = [a-z][a-z0-9_]*, the form question keys have in instruments.
Result<Token> Lexer::take_reference() {
    if (peek(1) != '{') {
        return errors_.at(offset_, "expected '{' after '$'; an answer is written ${key}");
    }
    const std::size_t key_start = offset_ + 2;
    if (key_start >= text_.size() || !is_lower(text_[key_start])) {
        return errors_.at(key_start, "expected a question key after '${' (a lower-case letter first)");
    }
    std::size_t end = key_start;
    while (end < text_.size() && is_key_char(text_[end])) {
        ++end;
    }
    if (end < text_.size() && is_word_char(text_[end])) {
        return errors_.at(end, "a question key has only lower-case letters, digits and '_'");
    }
    if (end >= text_.size() || text_[end] != '}') {
        return errors_.at(end, "expected '}' after question key " + quoted(text_.substr(key_start, end - key_start)));
    }
    Token token = take(TokenKind::reference, end + 1 - offset_);
    token.name = text_.substr(key_start, end - key_start);
    return token;
}

// -?[0-9]+(.[0-9]+)? and nothing word-like directly after it: "1e3" or "1-2" are mistakes, not two tokens.
Result<Token> Lexer::take_number() {
    const std::size_t start = offset_;
    std::size_t end = start + (text_[start] == '-' ? 1 : 0);
    if (end >= text_.size() || !is_digit(text_[end])) {
        return errors_.at(start, "'-' must be followed directly by a number; there is no arithmetic");
    }
    while (end < text_.size() && is_digit(text_[end])) {
        ++end;
    }
    if (end < text_.size() && text_[end] == '.') {
        ++end;
        if (end >= text_.size() || !is_digit(text_[end])) {
            return errors_.at(end, "expected a digit after the decimal point");
        }
        while (end < text_.size() && is_digit(text_[end])) {
            ++end;
        }
    }
    if (end < text_.size() && (is_word_char(text_[end]) || text_[end] == '.')) {
        while (end < text_.size() && (is_word_char(text_[end]) || text_[end] == '.')) {
            ++end;
        }
        return errors_.at(start, "malformed number " + quoted(text_.substr(start, end - start)));
    }
    double value = 0.0;
    const auto [stop, failure] = std::from_chars(text_.data() + start, text_.data() + end, value);
    if (failure != std::errc{} || stop != text_.data() + end) {
        return errors_.at(start, "number out of range");
    }
    Token token = take(TokenKind::number, end - start);
    token.number = value;
    return token;
}

}  // namespace yardstick::domain::expression_detail
