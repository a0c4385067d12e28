package dev.warden.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.PolicySet;
import dev.warden.dsl.internal.parser.WardenPolicyLexer;
import dev.warden.dsl.internal.parser.WardenPolicyParser;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.junit.jupiter.api.Test;

/**
 * Formatting keeps every decision and is idempotent: random policy sets (the round-trip
 * generator's), written out and then made messy (random blanks, line breaks, {@code ;} for line
 * ends, comments everywhere, names and patterns quoted that need no quotes, actions in upper case
 * and {@code *} for {@code any}, escapes in descriptions), format to a text that loads to an equal
 * set and that formats to itself; the writer's own output is already canonical. Seeded: a failure
 * names its seed. Runs {@code warden.fmtRuns} sets (default 2000).
 */
class FormatPropertyTest {
    private static final int RUNS = Integer.getInteger("warden.fmtRuns", 2000);
    private static final String[] COMMENTS = {"#", "# a comment", "#no space", "# policy p { allow view on /x }",
        "# \"quoted\" {braces}; commas, ", "# ünïcödé 🙂", "## twice", "#\ttab"};

    private final RoundTripPropertyTest generator = new RoundTripPropertyTest();
    private final Random random = new Random();

    @Test
    void randomSets_writtenMessily_formatToAnEqualSetAndAFixedPoint() {
        long base = Long.getLong("warden.seed", 20240601L);
        for (int run = 0; run < RUNS; run++) {
            long seed = base + run;
            generator.random.setSeed(seed);
            random.setSeed(seed * 31 + 7);
            PolicySet set = generator.policySet();
            String written = PolicyWriter.write(set);
            assertThat(PolicyFormatter.format("w.policy", written).formatted())
                    .as("seed %d: the writer's output is canonical", seed).contains(written);

            String messy = messy(written);
            FormatResult r = PolicyFormatter.format("m.policy", messy);
            assertThat(r.diagnostics()).as("seed %d, messy:%n%s", seed, messy).isEmpty();
            String formatted = r.formatted().orElseThrow();
            LoadResult loaded = PolicyLoader.loadTexts(Map.of("f.policy", formatted));
            assertThat(loaded.diagnostics()).as("seed %d, formatted:%n%s", seed, formatted).isEmpty();
            assertThat(loaded.orElseThrow()).as("seed %d, messy:%n%s%nformatted:%n%s", seed, messy, formatted)
                    .isEqualTo(set);
            assertThat(PolicyFormatter.format("f.policy", formatted).formatted())
                    .as("seed %d: idempotent, messy:%n%s", seed, messy).contains(formatted);
        }
    }

    @Test
    void messy_changesTheTextButNotTheSet() {
        random.setSeed(3);
        generator.random.setSeed(3);
        int changed = 0;
        for (int i = 0; i < 50; i++) {
            PolicySet set = generator.policySet();
            String written = PolicyWriter.write(set);
            String messy = messy(written);
            changed += messy.equals(written) ? 0 : 1;
            assertThat(PolicyLoader.loadTexts(Map.of("m.policy", messy)).orElseThrow()).isEqualTo(set);
        }
        assertThat(changed).isGreaterThan(40);
    }

    private enum Kind { NAME, ACTION, DECLARED, PATTERN, DESCRIPTION }

    /** The text with the same tokens (some respelt with the same meaning) and random layout and comments. */
    String messy(String text) {
        LanguageReader.Syntax syntax = LanguageReader.parse("w.policy", text).syntax().orElseThrow();
        Map<Integer, Kind> kinds = new HashMap<>();
        classify(syntax.tree(), kinds);
        List<Token> tokens = syntax.tokens();
        StringBuilder out = new StringBuilder();
        if (random.nextInt(4) == 0) {
            out.append(comment()).append(random.nextBoolean() ? "\n\n" : "\n");
        }
        Token previous = null;
        for (Token t : tokens) {
            if (t.getType() == Token.EOF) {
                break;
            }
            switch (t.getType()) {
                case WardenPolicyLexer.WS -> out.append(blank());
                case WardenPolicyLexer.NEWLINE -> out.append(lineEnd());
                default -> {
                    if (previous != null && previous.getChannel() == Token.DEFAULT_CHANNEL && random.nextInt(3) == 0) {
                        out.append(blank()); // a blank where there was none, e.g. before a comma
                    }
                    out.append(respell(t, kinds.get(t.getTokenIndex())));
                }
            }
            previous = t;
        }
        if (random.nextInt(4) == 0) {
            out.append(random.nextBoolean() ? "\n" : "").append(comment());
        }
        return out.toString();
    }

    private static void classify(ParseTree tree, Map<Integer, Kind> kinds) {
        if (!(tree instanceof ParserRuleContext ctx)) {
            return;
        }
        Kind kind = null;
        if (ctx instanceof WardenPolicyParser.ActionContext) {
            kind = Kind.ACTION;
        } else if (ctx instanceof WardenPolicyParser.PatternContext) {
            kind = Kind.PATTERN;
        } else if (ctx instanceof WardenPolicyParser.DescriptionContext) {
            kind = Kind.DESCRIPTION;
        } else if (ctx instanceof WardenPolicyParser.NameContext) {
            kind = ctx.getParent() instanceof WardenPolicyParser.ActionsDeclContext ? Kind.DECLARED : Kind.NAME;
        }
        if (kind != null) {
            kinds.put(ctx.start.getTokenIndex(), kind);
            return;
        }
        for (int i = 0; i < ctx.getChildCount(); i++) {
            classify(ctx.getChild(i), kinds);
        }
    }

    private String respell(Token t, Kind kind) {
        String text = t.getText();
        boolean word = t.getType() == WardenPolicyLexer.WORD;
        if (kind == null || random.nextBoolean()) {
            return text;
        }
        return switch (kind) {
            case NAME, PATTERN -> word ? StringLiteral.quote(text) : text;
            case DECLARED -> text.toUpperCase(Locale.ROOT);
            case ACTION -> t.getType() == WardenPolicyLexer.ANY ? "*" : text.toUpperCase(Locale.ROOT);
            case DESCRIPTION -> text.replaceFirst("e", "\\\\u0065").replace(" ", "\\u0020");
        };
    }

    /** Blanks between two tokens of one line: spaces and tabs, a line break, or a comment and a line break. */
    private String blank() {
        return switch (random.nextInt(8)) {
            case 0 -> "\t";
            case 1 -> "   ";
            case 2 -> "\n" + " ".repeat(random.nextInt(9));
            case 3 -> " " + comment() + "\n" + " ".repeat(random.nextInt(9));
            case 4 -> "\n" + comment() + "\n  ";
            default -> " ";
        };
    }

    /** What may replace a line break of the writer's output: breaks, blank lines, {@code ;}, comments. */
    private String lineEnd() {
        String indent = random.nextInt(4) == 0 ? "\t" : " ".repeat(random.nextInt(6));
        return switch (random.nextInt(9)) {
            case 0 -> " ; ";
            case 1 -> ";\n" + indent;
            case 2 -> "\n\n\n" + indent;
            case 3 -> "\r\n" + indent;
            case 4 -> "   " + comment() + "\n" + indent;
            case 5 -> "\n" + indent + comment() + "\n\n" + indent;
            case 6 -> "; " + comment() + "\n" + indent;
            default -> "\n" + indent;
        };
    }

    private String comment() {
        return COMMENTS[random.nextInt(COMMENTS.length)];
    }
}
