package dev.warden.dsl;

import dev.warden.dsl.internal.parser.WardenPolicyLexer;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * Where the resource patterns of a statement are written in a {@code .policy} file, for tools
 * that point at one pattern (test coverage, say). A loaded set keeps only each statement's
 * location ({@link dev.warden.core.PolicySet#statementSource}); this finds its patterns from there.
 */
public final class PatternLocations {
    private PatternLocations() {}

    /**
     * The locations of the patterns of the statement whose effect ({@code allow} or {@code deny})
     * is at {@code line:column} of {@code text}, in the order written; empty when no statement
     * starts there.
     *
     * @param file the file's name, for the locations
     * @param text the file's text, as loaded
     */
    public static List<SourceLocation> of(String file, String text, int line, int column) {
        WardenPolicyLexer lexer = new WardenPolicyLexer(CharStreams.fromString(PolicyLoader.stripBom(text)));
        lexer.removeErrorListeners();
        List<SourceLocation> out = new ArrayList<>();
        boolean found = false;
        boolean inPatterns = false;
        boolean wantPattern = false;
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            if (t.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            if (!found) {
                found = t.getLine() == line && t.getCharPositionInLine() + 1 == column
                        && (t.getType() == WardenPolicyLexer.ALLOW || t.getType() == WardenPolicyLexer.DENY);
                continue;
            }
            if (!inPatterns) {
                if (t.getType() == WardenPolicyLexer.ON) {
                    inPatterns = true;
                    wantPattern = true;
                }
                continue;
            }
            if (wantPattern && (t.getType() == WardenPolicyLexer.WORD || t.getType() == WardenPolicyLexer.STRING)) {
                out.add(new SourceLocation(file, t.getLine(), t.getCharPositionInLine() + 1));
                wantPattern = false;
            } else if (!wantPattern && t.getType() == WardenPolicyLexer.COMMA) {
                wantPattern = true;
            } else {
                break;
            }
        }
        return out;
    }
}
