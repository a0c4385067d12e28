package dev.warden.spring;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.springframework.expression.Expression;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.ParseException;
import org.springframework.web.util.UriUtils;

/**
 * A {@link WardenAuthorize#resource} read once: literal text and {@code {expression}} placeholders,
 * each value percent-encoded as one path segment when expanded.
 */
final class ResourceTemplate {
    private final List<String> literals;
    private final List<Expression> expressions;

    private ResourceTemplate(List<String> literals, List<Expression> expressions) {
        this.literals = literals;
        this.expressions = expressions;
    }

    /**
     * @throws IllegalArgumentException for an unclosed or empty placeholder, or an expression that
     *     does not parse
     */
    static ResourceTemplate parse(String template, ExpressionParser parser) {
        List<String> literals = new ArrayList<>();
        List<Expression> expressions = new ArrayList<>();
        int from = 0;
        while (true) {
            int open = template.indexOf('{', from);
            if (open < 0) {
                literals.add(template.substring(from));
                return new ResourceTemplate(List.copyOf(literals), List.copyOf(expressions));
            }
            int close = template.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("unclosed placeholder in `" + template + "` at offset " + open);
            }
            String expression = template.substring(open + 1, close).strip();
            if (expression.isEmpty()) {
                throw new IllegalArgumentException("empty placeholder in `" + template + "` at offset " + open);
            }
            literals.add(template.substring(from, open));
            try {
                expressions.add(parser.parseExpression(expression));
            } catch (ParseException e) {
                throw new IllegalArgumentException("placeholder `" + expression + "` in `" + template
                        + "` is not an expression: " + e.getMessage(), e);
            }
            from = close + 1;
        }
    }

    /**
     * The path with each placeholder's value, or null when a value is null or empty (then nothing
     * may be decided on it).
     */
    String expand(Function<Expression, Object> evaluate) {
        StringBuilder path = new StringBuilder(literals.get(0));
        for (int i = 0; i < expressions.size(); i++) {
            Object value = evaluate.apply(expressions.get(i));
            String text = value == null ? "" : value.toString();
            if (text.isEmpty()) {
                return null;
            }
            path.append(UriUtils.encodePathSegment(text, StandardCharsets.UTF_8)).append(literals.get(i + 1));
        }
        return path.toString();
    }
}
