package org.fourmu.app.monitoring;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The operands of a PromQL alert expression: the expression cut at its top-level comparison
 * ({@code > < >= <= == !=}) and set ({@code and or unless}) operators, vector-matching modifiers
 * and enclosing parentheses removed, number literals dropped. An alert fires when its expression
 * returns series; its operands are the quantities it compares, which must return data whenever
 * the application runs, firing or not. Arithmetic binds tighter than these operators, so
 * {@code a / b > 120} yields {@code a / b}.
 */
final class PromqlOperands {

    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?|[-+]?(Inf|NaN)");
    private static final Pattern MODIFIER = Pattern.compile("^(bool|on|ignoring|group_left|group_right)\\b\\s*(\\([^)]*\\))?\\s*");
    private static final String[] WORD_OPERATORS = {"and", "or", "unless"};

    private PromqlOperands() {
    }

    static List<String> of(String expression) {
        List<String> out = new ArrayList<>();
        collect(expression, out);
        return out;
    }

    private static void collect(String expression, List<String> out) {
        String e = expression.trim();
        for (boolean changed = true; changed; ) {
            String before = e;
            var m = MODIFIER.matcher(e);
            if (m.find()) {
                e = e.substring(m.end()).trim();
            }
            e = withoutEnclosingParentheses(e);
            changed = !e.equals(before);
        }
        int[] op = firstTopLevelOperator(e);
        if (op == null) {
            if (!e.isEmpty() && !NUMBER.matcher(e).matches()) {
                out.add(e);
            }
            return;
        }
        collect(e.substring(0, op[0]), out);
        collect(e.substring(op[0] + op[1]), out);
    }

    /** {@code (x)} becomes {@code x}; {@code (a) + (b)} stays. */
    private static String withoutEnclosingParentheses(String e) {
        if (!e.startsWith("(") || !e.endsWith(")")) {
            return e;
        }
        boolean closedEarly = scan(e, (i, depth) -> depth == 0 && i < e.length() - 1) >= 0;
        return closedEarly ? e : e.substring(1, e.length() - 1).trim();
    }

    /** {start, length} of the first comparison or set operator outside brackets and strings, or null. */
    private static int[] firstTopLevelOperator(String e) {
        int[] found = new int[2];
        scan(e, (i, depth) -> {
            char c = e.charAt(i);
            if (depth != 0 || c == ')' || c == '}' || c == ']') {
                return false;
            }
            String two = i + 1 < e.length() ? e.substring(i, i + 2) : "";
            if (two.equals("==") || two.equals("!=") || two.equals(">=") || two.equals("<=")) {
                found[1] = 2;
            } else if (c == '>' || c == '<') {
                found[1] = 1;
            } else if (identifierBoundary(e, i - 1)) {
                for (String word : WORD_OPERATORS) {
                    if (e.startsWith(word, i) && identifierBoundary(e, i + word.length())) {
                        found[1] = word.length();
                    }
                }
            }
            found[0] = i;
            return found[1] > 0;
        });
        return found[1] > 0 ? found : null;
    }

    /** Where {@link #scan} stands: an index outside strings and the bracket depth after its character. */
    private interface Position {
        boolean stopAt(int index, int depth);
    }

    /** Walks {@code e} outside string literals, tracking brackets; returns the index where {@code at} stopped, or -1. */
    private static int scan(String e, Position at) {
        int depth = 0;
        for (int i = 0; i < e.length(); i++) {
            char c = e.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = endOfString(e, i);
                continue;
            }
            depth += c == '(' || c == '{' || c == '[' ? 1 : c == ')' || c == '}' || c == ']' ? -1 : 0;
            if (at.stopAt(i, depth)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean identifierBoundary(String e, int i) {
        return i < 0 || i >= e.length() || !(Character.isLetterOrDigit(e.charAt(i)) || e.charAt(i) == '_' || e.charAt(i) == ':');
    }

    private static int endOfString(String e, int start) {
        char quote = e.charAt(start);
        for (int i = start + 1; i < e.length(); i++) {
            if (e.charAt(i) == '\\' && quote != '`') {
                i++;
            } else if (e.charAt(i) == quote) {
                return i;
            }
        }
        throw new IllegalArgumentException("unterminated string in " + e);
    }
}
