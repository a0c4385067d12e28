package dev.warden.core;

import java.math.BigInteger;

import java.util.Objects;

/**
 * An IP address range of a condition, {@code 10.0.0.0/8}, {@code 2001:db8::/32}, or one address
 * ({@code 192.0.2.7}, a range of one). IPv4 and IPv6 never mix: an IPv4-mapped IPv6 range
 * ({@code ::ffff:10.0.0.0/104}) is the IPv4 range, and an IPv6 range, even {@code ::/0}, contains no
 * IPv4 address. Equality is by address family, bits and prefix; {@link #text()} is the range as
 * written.
 */
public final class IpRange {
    private final boolean v4;
    private final long hi;
    private final long lo;
    private final int prefix;
    private final String text;
    /** The prefix's bits in each half ({@link #hiMask}, {@link #loMask}), computed once for {@link #contains(boolean, long, long)}. */
    private final long highMask;
    private final long lowMask;

    private IpRange(boolean v4, long hi, long lo, int prefix, String text) {
        this.v4 = v4;
        this.hi = hi;
        this.lo = lo;
        this.prefix = prefix;
        this.text = text;
        this.highMask = v4 ? 0 : mask(prefix, 0, 64);
        this.lowMask = v4 ? mask(prefix, 0, 32) : mask(prefix, 64, 64);
    }

    /**
     * Parses an address or a CIDR range: the prefix in decimal without a leading zero, at most 32
     * for IPv4 and 128 for IPv6, no bits set past it.
     *
     * @param text an address ({@code 192.0.2.7}) or a range ({@code 10.0.0.0/8}), as written
     * @return the range, which keeps {@code text} as written
     * @throws InvalidConditionException {@code BAD_ADDRESS} or {@code CIDR_HOST_BITS}
     */
    public static IpRange parse(String text) {
        Objects.requireNonNull(text, "text");
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        IpAddress a = IpAddress.parseRaw(address);
        if (a == null) {
            throw bad(text, "`" + address + "` is not an IP address");
        }
        int max = a.v4 ? 32 : 128;
        int prefix = max;
        if (slash >= 0) {
            String p = text.substring(slash + 1);
            prefix = prefixOf(p, max);
            if (prefix < 0) {
                throw new InvalidConditionException(InvalidConditionException.Kind.BAD_ADDRESS, text, slash + 1,
                        "`" + p + "` is not a prefix length for " + (a.v4 ? "IPv4 (0 to 32)" : "IPv6 (0 to 128)"),
                        "write the prefix in decimal without a leading zero, e.g. `10.0.0.0/8`");
            }
        }
        boolean v4 = a.v4;
        long hi = a.hi;
        long lo = a.lo;
        if (a.isMapped() && prefix >= 96) {
            v4 = true;
            hi = 0;
            lo = a.lo & 0xFFFF_FFFFL;
            prefix -= 96;
        }
        IpRange r = new IpRange(v4, hi, lo, prefix, text);
        if (r.hostBitsSet()) {
            throw new InvalidConditionException(InvalidConditionException.Kind.CIDR_HOST_BITS, text, 0,
                    "`" + text + "` has bits set past its prefix /" + (slash < 0 ? prefix : text.substring(slash + 1)),
                    "write the network address of the range, e.g. `" + r.network() + "`");
        }
        return r;
    }

    private static InvalidConditionException bad(String text, String reason) {
        return new InvalidConditionException(InvalidConditionException.Kind.BAD_ADDRESS, text, 0, reason,
                "an address is IPv4 (`192.0.2.7`) or IPv6 (`2001:db8::1`), a range adds `/PREFIX` (`10.0.0.0/8`)");
    }

    private static int prefixOf(String p, int max) {
        if (p.isEmpty() || p.length() > 3 || p.length() > 1 && p.charAt(0) == '0') {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v <= max ? v : -1;
    }

    /** The mask of the prefix's bits within a 64-bit half that starts at bit {@code offset}. */
    private static long mask(int prefix, int offset, int width) {
        int bits = Math.max(0, Math.min(width, prefix - offset));
        if (bits == 0) {
            return 0;
        }
        long ones = bits == 64 ? -1L : ((1L << bits) - 1) << (64 - bits);
        return width == 64 ? ones : ones >>> (64 - width);
    }

    private long hiMask() {
        return highMask;
    }

    private long loMask() {
        return lowMask;
    }

    private boolean hostBitsSet() {
        return (hi & ~hiMask()) != 0 || (lo & ~loMask()) != 0;
    }

    /** The range with its host bits cleared, for a hint. */
    private String network() {
        return format(v4, hi & hiMask(), lo & loMask()) + "/" + prefix;
    }

    /** An address's canonical text: IPv4 dotted, IPv6 in RFC 5952 form (lower case, longest zero run as {@code ::}). */
    private static String format(boolean v4, long h, long l) {
        if (v4) {
            return (l >>> 24) + "." + (l >>> 16 & 255) + "." + (l >>> 8 & 255) + "." + (l & 255);
        }
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) (h >>> (48 - 16 * i) & 0xFFFF);
            g[i + 4] = (int) (l >>> (48 - 16 * i) & 0xFFFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLength - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(Integer.toHexString(g[i]));
        }
        return b.toString();
    }

    /**
     * The canonical text of an address given as an unsigned number of 32 bits (IPv4) or 128 bits
     * (IPv6): {@code 10.0.0.1}, {@code 2001:db8::1}. An IPv6 number in {@code ::ffff:0:0/96} is
     * written in IPv6 form, and reads back as the IPv4 address it maps.
     *
     * @param ipv4 whether the number is an IPv4 address
     * @param value the address as an unsigned number
     * @return the address in canonical text
     * @throws IllegalArgumentException when the number is negative or does not fit the family
     */
    public static String addressText(boolean ipv4, BigInteger value) {
        if (value.signum() < 0 || value.bitLength() > (ipv4 ? 32 : 128)) {
            throw new IllegalArgumentException("not an " + (ipv4 ? "IPv4" : "IPv6") + " address: " + value);
        }
        return format(ipv4, value.shiftRight(64).longValue(), value.longValue());
    }

    /**
     * The range's first address, as an unsigned number of 32 bits (IPv4) or 128 bits (IPv6).
     *
     * @return the first address, not negative
     */
    public BigInteger first() {
        return number(hi, lo);
    }

    /**
     * The range's last address, as {@link #first()} gives the first.
     *
     * @return the last address; {@link #first()} for an address alone
     */
    public BigInteger last() {
        return v4 ? number(0, lo | ~loMask() & 0xFFFF_FFFFL) : number(hi | ~hiMask(), lo | ~loMask());
    }

    private static BigInteger number(long h, long l) {
        return new BigInteger(1, java.nio.ByteBuffer.allocate(16).putLong(h).putLong(l).array());
    }

    /**
     * Whether the address of this family and halves ({@link IpAddress#read}) is in this range: same
     * family, same leading {@link #prefix()} bits.
     */
    boolean contains(boolean ipv4, long high, long low) {
        return ipv4 == v4 && ((high ^ hi) & highMask) == 0 && ((low ^ lo) & lowMask) == 0;
    }

    /**
     * Whether {@code address} parses as an IP address in this range; false for anything that is
     * not an address (a condition reads that as unknown, see {@link Clause}).
     *
     * @param address an address as a context value holds it
     * @return true when it is an address of this family within the prefix
     */
    public boolean contains(String address) {
        IpAddress a = IpAddress.parse(address);
        return a != null && contains(a.v4, a.hi, a.lo);
    }

    /**
     * Whether this is an IPv4 range (also when written as an IPv4-mapped IPv6 range).
     *
     * @return true for IPv4, false for IPv6
     */
    public boolean isIpv4() {
        return v4;
    }

    /**
     * The prefix length: 0 to 32 for IPv4, 0 to 128 for IPv6.
     *
     * @return the number of leading bits an address must share; the family's width for one address
     */
    public int prefix() {
        return prefix;
    }

    /**
     * The range as written.
     *
     * @return the text {@link #parse} was given
     */
    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpRange r && r.v4 == v4 && r.hi == hi && r.lo == lo && r.prefix == prefix;
    }

    @Override
    public int hashCode() {
        return Objects.hash(v4, hi, lo, prefix);
    }

    @Override
    public String toString() {
        return text;
    }
}
