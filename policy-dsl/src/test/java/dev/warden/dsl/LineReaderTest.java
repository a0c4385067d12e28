package dev.warden.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {
    private static List<LineReader.Line> read(String input, int max) throws IOException {
        LineReader r = new LineReader(new StringReader(input), max, () -> {});
        List<LineReader.Line> out = new ArrayList<>();
        LineReader.Line l;
        while ((l = r.next()) != null) {
            out.add(l);
        }
        return out;
    }

    private static List<String> texts(String input) throws IOException {
        List<String> out = new ArrayList<>();
        for (LineReader.Line l : read(input, 100)) {
            out.add(l.text());
        }
        return out;
    }

    @Test
    void emptyInput_hasNoLines() throws IOException {
        assertThat(texts("")).isEmpty();
    }

    @Test
    void lastLine_needsNoTerminator() throws IOException {
        assertThat(texts("a\nb")).containsExactly("a", "b");
        assertThat(texts("a\nb\n")).containsExactly("a", "b");
    }

    @Test
    void blankLines_areLines() throws IOException {
        assertThat(texts("\n\na\n\n")).containsExactly("", "", "a", "");
    }

    @Test
    void crlf_dropsTheCarriageReturn() throws IOException {
        assertThat(texts("a\r\nb\r\n\r\n")).containsExactly("a", "b", "");
    }

    @Test
    void loneCarriageReturn_staysInTheLine() throws IOException {
        assertThat(texts("a\rb\n")).containsExactly("a\rb");
    }

    @Test
    void longLine_isCutAndFlagged_andTheNextLineIsWhole() throws IOException {
        List<LineReader.Line> lines = read("abcdefgh\nxy\n", 5);
        assertThat(lines).containsExactly(new LineReader.Line("abcde", true), new LineReader.Line("xy", false));
    }

    @Test
    void lineOfExactlyTheLimit_isNotFlagged_withOrWithoutCarriageReturn() throws IOException {
        assertThat(read("abcde\nabcde\r\nabcdef\r\n", 5)).containsExactly(
                new LineReader.Line("abcde", false),
                new LineReader.Line("abcde", false),
                new LineReader.Line("abcde", true));
    }

    @Test
    void linesLongerThanTheBuffer_areReadWhole() throws IOException {
        String longLine = "x".repeat(20_000);
        assertThat(texts2(longLine + "\nshort")).containsExactly(longLine, "short");
    }

    private static List<String> texts2(String input) throws IOException {
        List<String> out = new ArrayList<>();
        for (LineReader.Line l : read(input, 1 << 20)) {
            out.add(l.text());
        }
        return out;
    }

    @Test
    void beforeBlockingRead_runsOnlyWhenNoInputIsReady() throws IOException {
        List<String> events = new ArrayList<>();
        Reader notReady = new StringReader("a\nb\n") {
            @Override
            public boolean ready() {
                return false;
            }
        };
        LineReader r = new LineReader(notReady, 10, () -> events.add("flush"));
        events.add(r.next().text());
        assertThat(events).containsExactly("flush", "a");

        List<String> ready = new ArrayList<>();
        LineReader r2 = new LineReader(new StringReader("a\nb\n"), 10, () -> ready.add("flush"));
        r2.next();
        r2.next();
        assertThat(ready).isEmpty();
    }
}
