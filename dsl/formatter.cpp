// The canonical layout. Output is a function of the syntax tree and the comments' positions only,
// which is what makes formatting idempotent: format(format(x)) == format(x).
#include "dsl/formatter.hpp"

#include <cstdio>

namespace regla {
namespace {

using namespace ast;

// One output line and the source offset of the first code on it (to place comments).
struct Line {
  std::uint32_t offset;
  std::string text;
};
using Lines = std::vector<Line>;

std::string quote(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += c;
    }
  }
  return out + "\"";
}

std::string number_text(const NumberLiteral& number) {
  switch (number.unit) {
    case Unit::none:
      return number.digits;
    case Unit::percent:
      return number.digits + "%";
    case Unit::pen:
      return number.digits + " PEN";
    default: {
      bool one = number.digits == "1" || number.digits == "-1";
      std::string unit = spelling_of(number.unit);
      if (one) unit.pop_back();  // "1 month", "6 months"
      return number.digits + " " + unit;
    }
  }
}

// "6 digits", "1 digit"; "20 characters", "1 character".
std::string counted(const std::string& digits, const char* plural) {
  std::string noun = plural;
  if (digits == "1") noun.pop_back();
  return digits + " " + noun;
}

std::string type_text(const TypeExpr& type) {
  switch (type.form) {
    case TypeForm::named:
      return type.name.name;
    case TypeForm::enumeration: {
      std::string out = "enum { ";
      for (std::size_t i = 0; i < type.enum_values.size(); ++i) {
        out += (i ? ", " : "") + type.enum_values[i].name;
      }
      return out + " }";
    }
    case TypeForm::list:
      return "list of " + type_text(*type.element);
    case TypeForm::optional:
      return "optional " + type_text(*type.element);
  }
  return "";
}

std::string params_text(const std::vector<RuleParam>& params) {
  std::string out = "(";
  for (std::size_t i = 0; i < params.size(); ++i) {
    out += (i ? ", " : "") + params[i].name.name + ": " + params[i].type.name;
  }
  return out + ")";
}

Precedence tighter(Precedence p) {
  return static_cast<Precedence>(static_cast<int>(p) + 1);
}

// The loosest precedence each operand position accepts without parentheses.
Precedence left_minimum(BinaryOp op) {
  Precedence p = precedence_of(op);
  return p == Precedence::comparison ? tighter(p) : p;  // comparisons do not chain
}
Precedence right_minimum(BinaryOp op) {
  return tighter(precedence_of(op));
}

bool needs_parens(const Expr& expr, Precedence minimum) {
  return precedence_of(expr) < minimum;
}

std::string flat(const Expr& expr);

std::string flat_operand(const Expr& expr, Precedence minimum) {
  return needs_parens(expr, minimum) ? "(" + flat(expr) + ")" : flat(expr);
}

std::string join_flat(const std::vector<ExprPtr>& exprs) {
  std::string out;
  for (std::size_t i = 0; i < exprs.size(); ++i)
    out += (i ? ", " : "") + flat(*exprs[i]);
  return out;
}

struct FlatPrinter {
  std::string operator()(const NumberLiteral& n) const { return number_text(n); }
  std::string operator()(const DateLiteral& d) const { return literal_text(d); }
  std::string operator()(const MonthLiteral& m) const { return literal_text(m); }
  std::string operator()(const TextLiteral& t) const { return quote(t.value); }
  std::string operator()(const BoolLiteral& b) const { return b.value ? "true" : "false"; }
  std::string operator()(const Name& n) const { return n.name; }
  std::string operator()(const FieldAccess& f) const {
    return flat_operand(*f.object, Precedence::postfix) + "." + f.field.name;
  }
  std::string operator()(const Index& i) const {
    return flat_operand(*i.table, Precedence::postfix) + "[" + flat(*i.key) + "]";
  }
  std::string operator()(const Call& c) const {
    return flat_operand(*c.callee, Precedence::postfix) + "(" + join_flat(c.arguments) + ")";
  }
  std::string operator()(const Unary& u) const {
    if (u.op == UnaryOp::logical_not)
      return "not " + flat_operand(*u.operand, Precedence::logical_not);
    return "-" + flat_operand(*u.operand, Precedence::unary);
  }
  std::string operator()(const Binary& b) const {
    return flat_operand(*b.left, left_minimum(b.op)) + " " + spelling_of(b.op) + " " +
           flat_operand(*b.right, right_minimum(b.op));
  }
  std::string operator()(const PresenceTest& p) const {
    return flat_operand(*p.operand, Precedence::otherwise) +
           (p.present ? " is present" : " is missing");
  }
  std::string operator()(const Conditional& c) const {
    return "if " + flat(*c.condition) + " then " + flat(*c.then_value) + " else " +
           flat(*c.else_value);
  }
  std::string operator()(const Quantifier& q) const {
    std::string out = std::string(spelling_of(q.kind)) + " " + q.variable.name + " in " +
                      flat_operand(*q.collection, Precedence::postfix);
    if (q.filter) out += " where " + flat(*q.filter);
    if (q.body) out += ": " + flat(*q.body);
    return out;
  }
  std::string operator()(const IntervalLiteral& i) const {
    return "[" + flat(*i.start) + ", " + flat(*i.end) + (i.end_included ? "]" : ")");
  }
  std::string operator()(const SetLiteral& s) const { return "{" + join_flat(s.elements) + "}"; }
};

std::string flat(const Expr& expr) {
  return std::visit(FlatPrinter{}, expr.node);
}

// --- multi-line layout, used when the one-line form does not fit or would swallow a comment ---

void indent_lines(Lines& lines, std::size_t from, int spaces) {
  for (std::size_t i = from; i < lines.size(); ++i)
    lines[i].text.insert(0, spaces, ' ');
}

void append_lines(Lines& target, Lines source, int spaces) {
  indent_lines(source, 0, spaces);
  target.insert(target.end(), std::make_move_iterator(source.begin()),
                std::make_move_iterator(source.end()));
}

// Lays expressions out in lines. A comment inside an expression ended a line of it, so that
// expression is broken into lines even when it would fit on one: each comment then ends the line
// of the code it followed, and two comments never share a line.
class ExpressionLayout {
 public:
  explicit ExpressionLayout(const std::vector<Comment>& comments) : comments_(comments) {}

  bool comment_between(std::uint32_t begin, std::uint32_t end) const {
    for (const Comment& comment : comments_) {
      if (comment.range.begin >= begin && comment.range.begin < end) return true;
    }
    return false;
  }

  Lines layout(const Expr& expr, int width) const {
    std::string one_line = flat(expr);
    if (static_cast<int>(one_line.size()) <= width &&
        !comment_between(expr.range.begin, expr.range.end)) {
      return {{expr.range.begin, one_line}};
    }
    if (const auto* b = std::get_if<Binary>(&expr.node)) return layout_binary(*b, width);
    if (const auto* q = std::get_if<Quantifier>(&expr.node))
      return layout_quantifier(expr, *q, width);
    if (const auto* c = std::get_if<Conditional>(&expr.node))
      return layout_conditional(expr, *c, width);
    if (const auto* c = std::get_if<Call>(&expr.node); c && !c->arguments.empty()) {
      return layout_call(expr, *c, width);
    }
    return {{expr.range.begin, one_line}};
  }

 private:
  Lines layout_operand(const Expr& expr, Precedence minimum, int width) const {
    if (!needs_parens(expr, minimum)) return layout(expr, width);
    Lines lines = layout(expr, width - 2);
    lines.front().text.insert(0, "(");
    indent_lines(lines, 1, 1);
    lines.back().text += ")";
    return lines;
  }

  // a and b and c: one operand per line, the operator leading.
  Lines layout_chain(const Binary& top, int width) const {
    std::vector<const Expr*> operands;
    const Binary* link = &top;
    while (true) {
      operands.push_back(link->right.get());
      const auto* left = std::get_if<Binary>(&link->left->node);
      if (!left || left->op != top.op) {
        operands.push_back(link->left.get());
        break;
      }
      link = left;
    }
    std::string op = spelling_of(top.op);
    Lines lines = layout_operand(*operands.back(), left_minimum(top.op), width);
    for (auto operand = operands.rbegin() + 1; operand != operands.rend(); ++operand) {
      Lines next = layout_operand(**operand, right_minimum(top.op), width - 4);
      next.front().text.insert(0, op + " ");
      indent_lines(next, 1, static_cast<int>(op.size()) + 1);
      lines.insert(lines.end(), next.begin(), next.end());
    }
    return lines;
  }

  Lines layout_binary(const Binary& b, int width) const {
    if (b.op == BinaryOp::logical_and || b.op == BinaryOp::logical_or) {
      return layout_chain(b, width);
    }
    Lines lines = layout_operand(*b.left, left_minimum(b.op), width);
    Lines right = layout_operand(*b.right, right_minimum(b.op), width - 4);
    std::string op = spelling_of(b.op);
    bool fits = static_cast<int>(lines.back().text.size() + op.size() + 2 +
                                 right.front().text.size()) <= width;
    if (fits && !comment_between(b.left->range.begin, b.right->range.begin)) {
      lines.back().text += " " + op + " " + right.front().text;
      right.erase(right.begin());
      append_lines(lines, std::move(right), 0);
    } else {
      right.front().text.insert(0, op + " ");
      indent_lines(right, 1, static_cast<int>(op.size()) + 1);
      append_lines(lines, std::move(right), 2);
    }
    return lines;
  }

  Lines layout_quantifier(const Expr& expr, const Quantifier& q, int width) const {
    Lines lines{{expr.range.begin, std::string(spelling_of(q.kind)) + " " + q.variable.name +
                                       " in " + flat_operand(*q.collection, Precedence::postfix)}};
    if (q.filter) {
      std::string one_line = lines.back().text + " where " + flat(*q.filter);
      if (static_cast<int>(one_line.size()) + (q.body ? 1 : 0) <= width &&
          !comment_between(expr.range.begin, q.filter->range.end)) {
        lines.back().text = one_line;
      } else {
        Lines filter = layout(*q.filter, width - 8);
        filter.front().text.insert(0, "where ");
        indent_lines(filter, 1, 2);
        append_lines(lines, std::move(filter), 2);
      }
    }
    if (q.body) {
      lines.back().text += ":";
      append_lines(lines, layout(*q.body, width - 2), 2);
    }
    return lines;
  }

  Lines layout_conditional(const Expr& expr, const Conditional& c, int width) const {
    Lines lines = layout(*c.condition, width - 3);
    lines.front().text.insert(0, "if ");
    indent_lines(lines, 1, 3);
    lines.front().offset = expr.range.begin;
    for (auto [word, branch] :
         {std::pair{"then ", c.then_value.get()}, {"else ", c.else_value.get()}}) {
      Lines part = layout(*branch, width - 7);
      part.front().text.insert(0, word);
      indent_lines(part, 1, 5);
      append_lines(lines, std::move(part), 2);
    }
    return lines;
  }

  Lines layout_call(const Expr& expr, const Call& c, int width) const {
    Lines lines{{expr.range.begin, flat_operand(*c.callee, Precedence::postfix) + "("}};
    for (std::size_t i = 0; i < c.arguments.size(); ++i) {
      Lines argument = layout(*c.arguments[i], width - 2);
      if (i + 1 < c.arguments.size()) argument.back().text += ",";
      append_lines(lines, std::move(argument), 2);
    }
    lines.push_back({expr.range.end > 0 ? expr.range.end - 1 : 0, ")"});
    return lines;
  }

  const std::vector<Comment>& comments_;
};

// Writes lines, putting each comment back before the first line that starts after it: a comment
// that ended a line of code ends the line written for that code, one on its own line stays on its
// own line. Empty lines are written only between declarations and around comments on their own
// line that had an empty line there, never two in a row, never first or last.
class Writer {
 public:
  Writer(const Module& module, const SourceFile& source)
      : comments_(module.comments), source_(source), layout_(module.comments) {}

  void line(std::uint32_t offset, int indent, const std::string& text) {
    flush_comments_before(offset, indent);
    push(std::string(static_cast<std::size_t>(indent), ' ') + text);
  }

  void lines(const Lines& lines, int first_indent, const std::string& prefix,
             int continuation_indent) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (i == 0) {
        line(lines[i].offset, first_indent, prefix + lines[i].text);
      } else {
        line(lines[i].offset, continuation_indent, lines[i].text);
      }
    }
  }

  void expression(const Expr& expr, int indent, const std::string& prefix,
                  int continuation_indent) {
    int width = format_line_width - indent - static_cast<int>(prefix.size());
    lines(layout_.layout(expr, width), indent, prefix, continuation_indent);
  }

  bool comment_between(std::uint32_t begin, std::uint32_t end) const {
    return layout_.comment_between(begin, end);
  }

  // A blank line between declarations; comments that ended the previous line stay on it.
  void separate(std::uint32_t next_offset) {
    while (next_comment_ < comments_.size() && !comments_[next_comment_].own_line &&
           comments_[next_comment_].range.begin < next_offset) {
      write_comment(comments_[next_comment_++], 0);
    }
    empty_line_pending_ = true;
  }

  std::string finish() {
    flush_comments_before(UINT32_MAX, 0);
    std::string text;
    for (const std::string& l : out_)
      text += l + "\n";
    return text;
  }

 private:
  void push(std::string text) {
    if (empty_line_pending_ && !out_.empty()) out_.emplace_back();
    empty_line_pending_ = false;
    out_.push_back(std::move(text));
    last_line_has_comment_ = false;
  }

  void flush_comments_before(std::uint32_t offset, int indent) {
    while (next_comment_ < comments_.size() && comments_[next_comment_].range.begin < offset) {
      write_comment(comments_[next_comment_++], indent);
    }
  }

  // A comment that ended a line of code goes on its own line only when the line written for
  // that code already ends with another comment (code that was on several lines now on one).
  void write_comment(const Comment& comment, int indent) {
    std::string text(source_.slice(comment.range));
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
      text.pop_back();
    if (!comment.own_line && !out_.empty() && !last_line_has_comment_ && !empty_line_pending_) {
      out_.back() += "  " + text;
    } else {
      if (comment.blank_line_before) empty_line_pending_ = true;
      push(std::string(static_cast<std::size_t>(indent), ' ') + text);
      if (comment.blank_line_after) empty_line_pending_ = true;
    }
    last_line_has_comment_ = true;
  }

  const std::vector<Comment>& comments_;
  const SourceFile& source_;
  ExpressionLayout layout_;
  std::size_t next_comment_ = 0;
  std::vector<std::string> out_;
  bool empty_line_pending_ = false;
  bool last_line_has_comment_ = false;
};

void write_labels(Writer& writer, const std::vector<Label>& labels, int indent) {
  for (const Label& label : labels)
    writer.line(label.range.begin, indent, label.language + " " + quote(label.text));
}

void write_description(Writer& writer, const Description& description, int indent) {
  write_labels(writer, description.labels, indent);
  if (description.source) {
    writer.line(description.source->range.begin, indent,
                "source " + quote(description.source->text));
  }
}

std::string bounds_text(const ExprPtr& from, const ExprPtr& until) {
  std::string out;
  if (from) out += " from " + flat(*from);
  if (until) out += " until " + flat(*until);
  return out;
}

void write_clause(Writer& writer, const char* keyword, const Clause& clause) {
  writer.expression(*clause.condition, 2, std::string(keyword) + " ", 6);
  write_labels(writer, clause.labels, 4);
}

struct DeclarationWriter {
  Writer& writer;
  std::uint32_t begin;
  std::uint32_t end;

  void operator()(const ProgramDecl& d) const {
    writer.line(begin, 0, "program " + d.name.name);
    write_description(writer, d.description, 2);
  }
  void operator()(const UseDecl& d) const { writer.line(begin, 0, "use " + d.module.name); }
  void operator()(const ShapeDecl& d) const {
    writer.line(begin, 0, "shape " + d.name.name + " {");
    for (const FieldDecl& field : d.fields) {
      std::string text =
          field.name.name + ": " + type_text(field.type) + (field.is_id ? " id" : "");
      for (const FieldConstraint& constraint : field.constraints)
        text += ", " + format_constraint(constraint);
      writer.line(field.range.begin, 2, text);
    }
    writer.line(end - 1, 0, "}");
  }
  void operator()(const ParamDecl& d) const {
    auto value_text = [](const ParamValue& value) {
      return (value.value ? flat(*value.value) : "no value") + bounds_text(value.from, value.until);
    };
    if (d.values.size() == 1) {
      writer.line(begin, 0, "param " + d.name.name + " = " + value_text(d.values.front()));
    } else {
      writer.line(begin, 0, "param " + d.name.name);
      for (const ParamValue& value : d.values)
        writer.line(value.range.begin, 2, "= " + value_text(value));
    }
    write_description(writer, d.description, 2);
  }
  void operator()(const TableDecl& d) const {
    writer.line(begin, 0, "table " + d.name.name);
    if (d.file) writer.line(d.file->range.begin, 2, "file " + quote(d.file->text));
    for (const TableColumn& column : d.columns) {
      std::string text = std::string(column.is_key ? "key " : "column ") + column.name.name + ": " +
                         type_text(column.type);
      for (const FieldConstraint& constraint : column.constraints)
        text += ", " + format_constraint(constraint);
      if (column.keys_of) text += ", in " + flat(*column.keys_of);
      writer.line(column.range.begin, 2, text);
    }
    write_description(writer, d.description, 2);
  }
  void operator()(const RuleDecl& d) const {
    std::string header = std::string(d.is_decision ? "decision " : "rule ") + d.name.name;
    if (!d.params.empty()) header += params_text(d.params);
    if (d.declared_type) header += ": " + type_text(*d.declared_type);
    bool body_only = d.description.labels.empty() && !d.description.source && !d.in_force &&
                     d.withs.empty() && !d.applies && d.waivers.empty() && d.exceptions.empty();
    if (body_only && !writer.comment_between(begin, d.body->range.end)) {
      std::string one_line = header + " = " + flat(*d.body);
      if (static_cast<int>(one_line.size()) <= format_line_width) {
        writer.line(begin, 0, one_line);
        return;
      }
    }
    writer.line(begin, 0, header);
    write_description(writer, d.description, 2);
    if (d.in_force) {
      writer.line(d.in_force->range.begin, 2,
                  "in force" + bounds_text(d.in_force->from, d.in_force->until));
    }
    writer.expression(*d.body, 2, "= ", 4);
    if (d.applies) write_clause(writer, "applies when", *d.applies);
    for (const Clause& clause : d.waivers)
      write_clause(writer, "waived when", clause);
    for (const Clause& clause : d.exceptions)
      write_clause(writer, "except when", clause);
    for (const WithBinding& with : d.withs) {
      writer.expression(*with.value, 2, "with " + with.name.name + " = ", 6);
      write_labels(writer, with.labels, 4);
    }
  }
  void operator()(const RejectDecl& d) const {
    std::string prefix = "reject ";
    if (d.subject) prefix += params_text({*d.subject}) + " ";
    writer.expression(*d.condition, 0, prefix + "when ", 4);
    write_labels(writer, d.labels, 2);
  }
};

}  // namespace

std::string format_expression(const Expr& expr) {
  return flat(expr);
}

std::string format_constraint(const FieldConstraint& constraint) {
  if (constraint.kind == ConstraintKind::digits) return counted(constraint.amount.digits, "digits");
  std::string text = constraint.kind == ConstraintKind::at_least ? "at least " : "at most ";
  if (constraint.in_characters && constraint.amount.unit == Unit::none)
    return text + counted(constraint.amount.digits, "characters");
  return text + number_text(constraint.amount) + (constraint.in_characters ? " characters" : "");
}

std::string format_module(const Module& module, const SourceFile& source) {
  Writer writer(module, source);
  const Declaration* previous = nullptr;
  for (const Declaration& declaration : module.declarations) {
    bool grouped_uses = previous && std::holds_alternative<UseDecl>(previous->node) &&
                        std::holds_alternative<UseDecl>(declaration.node);
    if (previous && !grouped_uses) writer.separate(declaration.range.begin);
    std::visit(DeclarationWriter{writer, declaration.range.begin, declaration.range.end},
               declaration.node);
    previous = &declaration;
  }
  return writer.finish();
}

}  // namespace regla
