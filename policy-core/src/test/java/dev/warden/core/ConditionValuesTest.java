package dev.warden.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict readers of condition values: addresses, ranges, timestamps, numbers, globs, keys. */
class ConditionValuesTest {
    @Nested
    class Addresses {
        @ParameterizedTest
        @CsvSource({
            "10.1.2.3, 10.0.0.0/8, true",
            "10.1.2.3, 11.0.0.0/8, false",
            "0.0.0.0, 0.0.0.0/0, true",
            "255.255.255.255, 0.0.0.0/0, true",
            "192.0.2.7, 192.0.2.7, true",
            "192.0.2.8, 192.0.2.7, false",
            "::ffff:10.1.2.3, 10.0.0.0/8, true",
            "::ffff:a01:203, 10.0.0.0/8, true",
            "::FFFF:A01:203, 10.0.0.0/8, true",
            "0:0:0:0:0:ffff:10.1.2.3, 10.0.0.0/8, true",
            "10.1.2.3, ::ffff:10.0.0.0/104, true",
            "10.1.2.3, ::/0, false",
            "::10.1.2.3, ::/0, true",
            "::10.1.2.3, 10.0.0.0/8, false",
            "2001:db8:0:1::5, 2001:db8::/32, true",
            "2001:db9::5, 2001:db8::/32, false",
            "fe80::1, fe80::/10, true",
            "febf:ffff::1, fe80::/10, true",
            "fec0::1, fe80::/10, false",
            "::1, ::1, true",
            "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8/128, true",
            "1:2:3:4:5:6:7:9, 1:2:3:4:5:6:7:8/127, true",
            "1:2:3:4:5:6:7:a, 1:2:3:4:5:6:7:8/127, false",
        })
        void anAddress_isInARange_byItsFamilyAndPrefixBits(String address, String range, boolean in) {
            assertThat(IpRange.parse(range).contains(address)).as("%s in %s", address, range).isEqualTo(in);
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "010.0.0.1", "10.0.0", "10.0.0.1.2", "256.0.0.1", "10.0.0.-1", " 10.0.0.1", "10.0.0.1 ", "[::1]",
            "fe80::1%eth0", "10.1.2.3/32", "::1/128", "1::2::3", ":::1", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7",
            "12345::1", "g::1", "1:", ":1", "1:2:3:4:5:6:7:8::", "localhost", "", "::ffff:10.1.2", "1.2.3.4::",
        })
        void notAnAddress_isInNoRange(String text) {
            assertThat(IpAddress.parse(text)).as(text).isNull();
            assertThat(IpRange.parse("0.0.0.0/0").contains(text)).isFalse();
            assertThat(IpRange.parse("::/0").contains(text)).isFalse();
        }

        @ParameterizedTest
        @CsvSource({"10.1.0.0/8, 10.0.0.0/8", "192.0.2.7/24, 192.0.2.0/24", "2001:db8::1/32, 2001:db8::/32", "::ffff:10.1.0.0/104, 10.0.0.0/8"})
        void aRange_withHostBits_isRefused_withTheNetworkAsHint(String text, String network) {
            assertThatThrownBy(() -> IpRange.parse(text)).isInstanceOfSatisfying(InvalidConditionException.class, e -> {
                assertThat(e.kind()).isEqualTo(InvalidConditionException.Kind.CIDR_HOST_BITS);
                assertThat(e.hint()).contains(network);
            });
        }

        @ParameterizedTest
        @ValueSource(strings = {"10.0.0.0/08", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/x", "010.0.0.0/8", "[::]/0", "10.0.0.0/8/8"})
        void aBadRange_isRefused(String text) {
            assertThatThrownBy(() -> IpRange.parse(text)).isInstanceOfSatisfying(InvalidConditionException.class,
                    e -> assertThat(e.kind()).isEqualTo(InvalidConditionException.Kind.BAD_ADDRESS));
        }

        @Test
        void ranges_areEqualByFamilyBitsAndPrefix_notByText() {
            assertThat(IpRange.parse("2001:db8::/32")).isEqualTo(IpRange.parse("2001:DB8:0::/32"))
                    .hasSameHashCodeAs(IpRange.parse("2001:DB8:0::/32"));
            assertThat(IpRange.parse("10.0.0.0/8")).isNotEqualTo(IpRange.parse("10.0.0.0/16"))
                    .isNotEqualTo(IpRange.parse("11.0.0.0/8")).isNotEqualTo(IpRange.parse("::a00:0/104"));
            assertThat(IpRange.parse("192.0.2.7")).isEqualTo(IpRange.parse("192.0.2.7/32"));
            assertThat(IpRange.parse("2001:DB8::/32")).hasToString("2001:DB8::/32");
            assertThat(IpRange.parse("0.0.0.0/0").prefix()).isZero();
            assertThat(IpRange.parse("::/128").prefix()).isEqualTo(128);
            assertThat(IpRange.parse("1.2.3.4/32").contains("1.2.3.4")).isTrue();
            assertThat(IpRange.parse("1.2.3.4/32").contains("1.2.3.5")).isFalse();
            assertThat(IpRange.parse("128.0.0.0/1").contains("127.255.255.255")).isFalse();
            assertThat(IpRange.parse("128.0.0.0/1").contains("255.0.0.0")).isTrue();
            assertThat(IpRange.parse("8000::/1").contains("7fff::1")).isFalse();
            assertThat(IpRange.parse("::8000:0:0:0/65").contains("::8000:0:0:1")).isTrue();
            assertThat(IpRange.parse("::8000:0:0:0/65").contains("::4000:0:0:1")).isFalse();
        }

        @ParameterizedTest
        @CsvSource({
            "10.1.2.3/8, 10.0.0.0/8", "10.1.2.3/31, 10.1.2.2/31", "2001:db8::1/64, 2001:db8::/64",
            "2001:db8:1:2:3:4:5:6/96, 2001:db8:1:2:3:4::/96", "1:2:3:4:5:6:7:8/16, 1::/16", "::1/127, ::/127",
            "1:0:0:2:0:0:0:3/112, 1:0:0:2::/112", "1:0:0:0:2:3:4:5/48, 1::/48",
        })
        void theHostBitsHint_givesTheNetwork(String text, String network) {
            assertThatThrownBy(() -> IpRange.parse(text)).isInstanceOfSatisfying(InvalidConditionException.class,
                    e -> assertThat(e.hint()).isEqualTo("write the network address of the range, e.g. `" + network + "`"));
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "1::", "1:2::", "::1", "1::8", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "1:2:3:4:5:6:1.2.3.4", "1::1.2.3.4",
            "::1.2.3.4", "fe80::1:2", "2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
            "1:2:3:4::5:6:7", "1:2:3:4:5::6:7", "a:b:c:d:e::", "::ffff:10.1.2.3", "::ffff:a01:203", "10.1.2.3", "0.0.0.0",
            "255.255.255.255", "1:2:3:4:5:6:7:8",
        })
        void anAddress_readsAsTheJdkReadsIt(String text) throws java.net.UnknownHostException {
            java.net.InetAddress jdk = java.net.InetAddress.getByName(text);
            long[] halves = new long[3];
            int family = IpAddress.read(text, true, halves, 1);
            byte[] b = jdk.getAddress();
            long hi = 0;
            long lo = 0;
            for (int i = 0; i < b.length; i++) {
                if (b.length == 16 && i < 8) {
                    hi = hi << 8 | (b[i] & 0xFF);
                } else {
                    lo = lo << 8 | (b[i] & 0xFF);
                }
            }
            assertThat(family).as(text).isEqualTo(b.length == 4 ? IpAddress.V4 : IpAddress.V6);
            assertThat(halves).as(text).containsExactly(0, hi, lo);
            IpAddress parsed = IpAddress.parse(text);
            assertThat(new long[] {parsed.hi, parsed.lo}).as(text).containsExactly(hi, lo);
        }

        @Test
        void aMappedAddress_readRaw_staysIpv6() {
            long[] halves = new long[2];
            assertThat(IpAddress.read("::ffff:10.1.2.3", false, halves, 0)).isEqualTo(IpAddress.V6);
            assertThat(halves).containsExactly(0, 0xFFFF_0A01_0203L);
        }

        @Test
        void aMappedRange_isTheIpv4Range() {
            assertThat(IpRange.parse("::ffff:10.0.0.0/104")).isEqualTo(IpRange.parse("10.0.0.0/8"));
            assertThat(IpRange.parse("::ffff:10.0.0.0/104").isIpv4()).isTrue();
            assertThat(IpRange.parse("::ffff:10.0.0.0/104").prefix()).isEqualTo(8);
            assertThat(IpRange.parse("2001:db8::/32").isIpv4()).isFalse();
        }
    }

    @Nested
    class Timestamps {
        @ParameterizedTest
        @CsvSource({
            "2027-01-01T00:00:00.123456789+23:59, 2026-12-31T00:01:00.123456789Z",
            "2024-12-31T23:59:59.9Z, 2024-12-31T23:59:59.900Z",
            "2023-02-28T00:00:00Z, 2023-02-28T00:00:00Z",
            "1970-01-01T00:00:00Z, 1970-01-01T00:00:00Z",
            "1969-12-31T23:59:59Z, 1969-12-31T23:59:59Z",
            "2027-01-01T00:00:00-23:59, 2027-01-01T23:59:00Z",
            "2027-11-30T10:20:30Z, 2027-11-30T10:20:30Z",
        })
        void moreTimestamps_readAsTheirInstant(String text, String instant) {
            assertThat(dev.warden.core.Timestamps.parse(text)).isEqualTo(Instant.parse(instant));
        }

        @ParameterizedTest
        @CsvSource({
            "2027-01-01T00:00:00Z, 2027-01-01T00:00:00Z",
            "2027-01-01t00:00:00z, 2027-01-01T00:00:00Z",
            "2027-01-01T01:00:00+01:00, 2027-01-01T00:00:00Z",
            "2026-12-31T23:00:00-01:00, 2027-01-01T00:00:00Z",
            "2027-01-01T00:00:00-00:00, 2027-01-01T00:00:00Z",
            "2026-06-01T12:00:00.5+02:00, 2026-06-01T10:00:00.500Z",
            "2026-06-01T12:00:00.123456789Z, 2026-06-01T12:00:00.123456789Z",
            "2024-02-29T00:00:00Z, 2024-02-29T00:00:00Z",
            "2000-02-29T00:00:00Z, 2000-02-29T00:00:00Z",
            "0001-01-01T00:00:00Z, 0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59+23:59, 9999-12-31T00:00:59Z",
        })
        void aTimestamp_isItsInstant_whateverItsOffset(String text, String instant) {
            assertThat(dev.warden.core.Timestamps.parse(text)).isEqualTo(Instant.parse(instant));
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "2027-01-01", "2027-01-01T00:00:00", "2027-01-01 00:00:00Z", "2027-01-01T00:00Z", "2027-13-01T00:00:00Z",
            "2027-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2027-04-31T00:00:00Z", "2027-01-01T24:00:00Z",
            "2027-01-01T00:60:00Z", "2027-01-01T00:00:60Z", "2027-01-01T00:00:00.Z", "2027-01-01T00:00:00.1234567890Z",
            "2027-01-01T00:00:00+24:00", "2027-01-01T00:00:00+01:60", "2027-01-01T00:00:00+0100", "0000-01-01T00:00:00Z",
            "2027-1-01T00:00:00Z", "soon", "", " 2027-01-01T00:00:00Z", "2027-01-01T00:00:00Z ", "+2027-01-01T00:00:00Z",
        })
        void anythingElse_isNotATimestamp(String text) {
            assertThat(dev.warden.core.Timestamps.parse(text)).as(text).isNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "2027/01-01T00:00:00Z", "2027-01/01T00:00:00Z", "2027-01-01T00-00:00Z", "2027-01-01T00:00-00Z",
            "2027-01-01X00:00:00Z", "2027-01-01T00:00:00.123456789+23:590", "2027-01-01T00:00:00+01-00",
            "2027-01-01T00:00:00.1234567891Z", "2027-01-00T00:00:00Z", "2027-00-01T00:00:00Z", "2027-01-32T00:00:00Z",
            "2027-01-01T00:00:00+1:00", "2027-01-01T00:00:00Za", "2027-01-01T00:00:00+01:00a", "2027-01-01T00:00:00.",
        })
        void aMisplacedSeparatorOrLength_isNotATimestamp(String text) {
            assertThat(dev.warden.core.Timestamps.parse(text)).as(text).isNull();
        }
    }

    @Nested
    class Numbers {
        @ParameterizedTest
        @CsvSource({"007, 7", "-0, 0", "3.5, 3.50", "-9007199254740993, -9007199254740993", "0.30, 0.3"})
        void aNumber_isExact(String text, String value) {
            assertThat(Decimals.parse(text)).isEqualByComparingTo(new BigDecimal(value));
        }

        @ParameterizedTest
        @ValueSource(strings = {"+5", ".5", "5.", "1e3", " 5", "5 ", "", "-", "--1", "1.2.3", "0x10", "1_000", "NaN", "Infinity", "５"})
        void anythingElse_isNotANumber(String text) {
            assertThat(Decimals.parse(text)).as(text).isNull();
            assertThat(Decimals.read(text, new long[1], 0)).as(text).isEqualTo(Decimals.NONE);
        }

        @ParameterizedTest
        @CsvSource({"0, 0", "-0, 0", "007, 7", "-42, -42", "999999999999999999, 999999999999999999",
            "-999999999999999999, -999999999999999999"})
        void aWholeNumberOfAtMost18Digits_readsAsALong(String text, long value) {
            long[] into = new long[2];
            assertThat(Decimals.read(text, into, 1)).isEqualTo(Decimals.WHOLE);
            assertThat(into).containsExactly(0, value);
        }

        @ParameterizedTest
        @ValueSource(strings = {"1000000000000000000", "9223372036854775808", "-99999999999999999999", "0.5", "5.0", "-1.25"})
        void aFractionOrALongerNumber_readsAsADecimal(String text) {
            assertThat(Decimals.read(text, new long[1], 0)).isEqualTo(Decimals.DECIMAL);
        }

        /** The clause's comparison, whole numbers read as longs and compared without a BigDecimal, against BigDecimal's. */
        @Test
        void aComparison_isExact_wholeOrFractionOrBeyondALong() {
            String[] values = {"2", "3", "-2", "-3", "0", "-0", "2.5", "2.50", "999999999999999999", "1000000000000000000",
                "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
                "99999999999999999999999", "-99999999999999999999999"};
            String[] constants = {"2.5", "-2.5", "3", "0", "-0.5", "9223372036854775807", "9223372036854775808",
                "-9223372036854775808", "-9223372036854775809", "99999999999999999999999.5", "-99999999999999999999999.5",
                "1000000000000000000", "9223372036854775807.5"};
            ConditionKey key = ConditionKey.parse("context.n");
            for (String constant : constants) {
                for (Clause.Operator op : List.of(Clause.Operator.LESS, Clause.Operator.LESS_OR_EQUAL, Clause.Operator.GREATER,
                        Clause.Operator.GREATER_OR_EQUAL)) {
                    Condition condition = Condition.of(new Clause(key, op, ConditionValue.literal(constant)));
                    Map<ConditionKey, Integer> slots = CompiledCondition.slots(List.of(condition));
                    CompiledCondition compiled = CompiledCondition.compile(condition, slots);
                    for (String value : values) {
                        int cmp = new BigDecimal(value).compareTo(new BigDecimal(constant));
                        boolean holds = op == Clause.Operator.LESS ? cmp < 0 : op == Clause.Operator.LESS_OR_EQUAL ? cmp <= 0
                                : op == Clause.Operator.GREATER ? cmp > 0 : cmp >= 0;
                        Facts facts = new Facts(new ConditionKey[] {key}, Principal.of("p"), Map.of("n", value), null);
                        assertThat(compiled.evaluate(facts)).as("%s %s %s", value, op.symbol(), constant)
                                .isEqualTo(holds ? CompiledCondition.TRUE : CompiledCondition.FALSE);
                    }
                }
            }
        }
    }

    @Nested
    class Globs {
        @ParameterizedTest
        @CsvSource({
            "*.png, a.png, true", "*.png, .png, true", "*.png, a.png.txt, false", "sms-*, sms-, true",
            "a*b*c, abc, true", "a*b*c, aXbYc, true", "a*b*c, acb, false", "a*a, a, false", "a*a, aa, true",
            "*, '', true", "'', '', true", "'', x, false", "vip\\*, vip*, true", "vip\\*, vipX, false",
            "a\\\\*, a\\, true", "a\\\\*, a\\xyz, true", "bird-*, Bird-1, false", "**, x, true",
        })
        void aGlob_matchesTheWholeValue(String glob, String value, boolean matches) {
            ConditionValue.Glob g = new ConditionValue.Glob(glob);
            assertThat(CompiledCondition.matches(g.pieces(), value)).as("%s like %s", value, glob).isEqualTo(matches);
        }

        @Test
        void aBackslash_beforeAnythingElse_isRefused_atItsOffset() {
            assertThatThrownBy(() -> new ConditionValue.Glob("ab\\n")).isInstanceOfSatisfying(InvalidConditionException.class, e -> {
                assertThat(e.kind()).isEqualTo(InvalidConditionException.Kind.BAD_GLOB_ESCAPE);
                assertThat(e.offset()).isEqualTo(2);
            });
            assertThatThrownBy(() -> new ConditionValue.Glob("trailing\\")).isInstanceOf(InvalidConditionException.class);
        }
    }

    @Nested
    class Literals {
        @Test
        void anUnquotedLiteral_isTypedByItsForm() {
            assertThat(ConditionValue.literal("2027-01-01T00:00:00Z")).isInstanceOf(ConditionValue.Timestamp.class);
            assertThat(ConditionValue.literal("-12")).isInstanceOf(ConditionValue.Number.class);
            assertThat(ConditionValue.literal("3.5")).isInstanceOf(ConditionValue.Number.class);
            assertThat(ConditionValue.literal("10.0.0.0/8")).isInstanceOf(ConditionValue.Ranges.class);
            assertThat(ConditionValue.literal("192.0.2.7")).isInstanceOf(ConditionValue.Ranges.class);
            assertThat(ConditionValue.literal("2001:db8::/32")).isInstanceOf(ConditionValue.Ranges.class);
        }

        @ParameterizedTest
        @CsvSource({
            "2027-13-01T00:00:00Z, BAD_TIMESTAMP", "2027-01-01, BAD_TIMESTAMP", "10.1.0.0/8, CIDR_HOST_BITS",
            "1.2.3, BAD_ADDRESS", "1e3, UNKNOWN_LITERAL", "true, UNKNOWN_LITERAL", "+5, UNKNOWN_LITERAL",
        })
        void aBadLiteral_isRefused_byKind(String text, InvalidConditionException.Kind kind) {
            assertThatThrownBy(() -> ConditionValue.literal(text)).isInstanceOfSatisfying(InvalidConditionException.class,
                    e -> assertThat(e.kind()).isEqualTo(kind));
        }

        @Test
        void lists_areOfOneType_andNotEmpty() {
            assertThat(ConditionValue.list(java.util.List.of(ConditionValue.literal("10.0.0.0/8"), ConditionValue.literal("::1"))))
                    .isEqualTo(new ConditionValue.Ranges(java.util.List.of(IpRange.parse("10.0.0.0/8"), IpRange.parse("::1"))));
            assertThat(ConditionValue.list(java.util.List.of(new ConditionValue.Text("a"), new ConditionValue.Text("b"))))
                    .isEqualTo(new ConditionValue.TextList(java.util.List.of("a", "b")));
            assertThatThrownBy(() -> ConditionValue.list(java.util.List.of())).isInstanceOfSatisfying(
                    InvalidConditionException.class, e -> assertThat(e.kind()).isEqualTo(InvalidConditionException.Kind.EMPTY_LIST));
            assertThatThrownBy(() -> ConditionValue.list(java.util.List.of(new ConditionValue.Text("a"), ConditionValue.literal("1"))))
                    .isInstanceOfSatisfying(InvalidConditionException.class,
                            e -> assertThat(e.kind()).isEqualTo(InvalidConditionException.Kind.MIXED_LIST));
            assertThatThrownBy(() -> ConditionValue.list(java.util.List.of(ConditionValue.literal("1"))))
                    .isInstanceOfSatisfying(InvalidConditionException.class,
                            e -> assertThat(e.kind()).isEqualTo(InvalidConditionException.Kind.OPERATOR_TYPE_MISMATCH));
        }

        @ParameterizedTest
        @CsvSource({"==, 1", "in, 2027-01-01T00:00:00Z", "like, 10.0.0.0/8", "<, 10.0.0.0/8"})
        void anOperator_takesOnlyItsTypes(String operator, String literal) {
            Clause.Operator op = Clause.Operator.ofSymbol(operator).orElseThrow();
            assertThatThrownBy(() -> new Clause(ConditionKey.parse("context.x"), op, ConditionValue.literal(literal)))
                    .isInstanceOfSatisfying(InvalidConditionException.class,
                            e -> assertThat(e.kind()).isEqualTo(InvalidConditionException.Kind.OPERATOR_TYPE_MISMATCH));
        }

        @Test
        void aStringUnderInOrLike_isNormalised() {
            assertThat(new Clause(ConditionKey.parse("context.x"), Clause.Operator.IN, new ConditionValue.Text("a")).value())
                    .isEqualTo(new ConditionValue.TextList(java.util.List.of("a")));
            assertThat(new Clause(ConditionKey.parse("context.x"), Clause.Operator.LIKE, new ConditionValue.Text("a*")).value())
                    .isEqualTo(new ConditionValue.Glob("a*"));
            assertThatThrownBy(() -> new Clause(ConditionKey.parse("context.x"), Clause.Operator.EQUALS,
                    new ConditionValue.TextList(java.util.List.of("a", "b")))).hasMessageContaining("does not take a list of strings");
        }
    }

    @Nested
    class Keys {
        @Test
        void keys_areIdAttributesOrContext() {
            assertThat(ConditionKey.parse("principal.id").scope()).isEqualTo(ConditionKey.Scope.PRINCIPAL_ID);
            assertThat(ConditionKey.parse("principal.roles")).isEqualTo(new ConditionKey(ConditionKey.Scope.PRINCIPAL_ATTRIBUTE, "roles"));
            assertThat(ConditionKey.parse("context.ip")).isEqualTo(new ConditionKey(ConditionKey.Scope.CONTEXT, "ip"));
            assertThat(ConditionKey.parse("context.a.b-c_1").name()).isEqualTo("a.b-c_1");
            assertThat(ConditionKey.parse("context.IP")).isNotEqualTo(ConditionKey.parse("context.ip"));
        }

        @ParameterizedTest
        @CsvSource({"request.ip, context.ip", "user.team, principal.team", "contxt.ip, context.ip", "Context.ip, context.ip"})
        void anUnknownNamespace_isRefused_withAHint(String key, String meant) {
            assertThatThrownBy(() -> ConditionKey.parse(key)).isInstanceOfSatisfying(InvalidConditionException.class, e -> {
                assertThat(e.kind()).isEqualTo(InvalidConditionException.Kind.UNKNOWN_KEY_NAMESPACE);
                assertThat(e.hint()).isEqualTo("did you mean `" + meant + "`?");
            });
        }

        @ParameterizedTest
        @ValueSource(strings = {"context.", "context", "context.1ip", "principal.a b", "context.ip!"})
        void aBadName_isRefused(String key) {
            assertThatThrownBy(() -> ConditionKey.parse(key)).isInstanceOfSatisfying(InvalidConditionException.class,
                    e -> assertThat(e.kind()).isEqualTo(InvalidConditionException.Kind.BAD_KEY_NAME));
        }
    }
}
