package dev.warden.core;

/**
 * An IP address read strictly: IPv4 as four decimal octets without leading zeros, IPv6 in RFC 4291
 * text form (an embedded IPv4 tail allowed); an IPv4-mapped IPv6 address ({@code ::ffff:10.1.2.3},
 * {@code ::ffff:a01:203}) is its IPv4 address, the compatible form {@code ::10.1.2.3} stays IPv6.
 * Brackets, zones ({@code %eth0}), prefixes and anything else are not addresses.
 *
 * <p>{@link #read} is the reader, and allocates nothing: it writes the address's two 64-bit halves
 * into an array the caller holds (a decision's {@link Facts}); {@link #parse} wraps it in an object.
 */
final class IpAddress {
    /** What {@link #read} found: no address. */
    static final int NONE = 0;
    /** What {@link #read} found: an IPv4 address. */
    static final int V4 = 4;
    /** What {@link #read} found: an IPv6 address. */
    static final int V6 = 6;

    final boolean v4;
    /** The high 64 bits (IPv6), 0 for IPv4. */
    final long hi;
    /** The low 64 bits (IPv6), or the 32-bit IPv4 value. */
    final long lo;

    private IpAddress(boolean v4, long hi, long lo) {
        this.v4 = v4;
        this.hi = hi;
        this.lo = lo;
    }

    /** The address, or null when {@code text} is not one. */
    static IpAddress parse(String text) {
        return of(text, true);
    }

    /** Like {@link #parse}, but an IPv4-mapped IPv6 address stays IPv6 (for range literals). */
    static IpAddress parseRaw(String text) {
        return of(text, false);
    }

    private static IpAddress of(String text, boolean unmap) {
        long[] halves = new long[2];
        int family = read(text, unmap, halves, 0);
        return family == NONE ? null : new IpAddress(family == V4, halves[0], halves[1]);
    }

    /**
     * Reads {@code text} as an address: writes its high half to {@code into[at]} and its low half
     * (or the IPv4 value) to {@code into[at + 1]} and returns {@link #V4} or {@link #V6}; returns
     * {@link #NONE} (and may have written anything there) when it is not one.
     *
     * @param unmap whether an IPv4-mapped IPv6 address is read as its IPv4 address ({@link #parse}) or stays IPv6
     */
    static int read(String text, boolean unmap, long[] into, int at) {
        int n = text.length();
        if (n == 0 || n > 45) {
            return NONE;
        }
        long v = parseV4(text, 0, n);
        if (v >= 0) {
            into[at] = 0;
            into[at + 1] = v;
            return V4;
        }
        if (text.indexOf(':') < 0) {
            return NONE; // not IPv4, and not IPv6 without a colon
        }
        if (!parseV6(text, into, at)) {
            return NONE;
        }
        if (unmap && isMapped(into[at], into[at + 1])) {
            into[at] = 0;
            into[at + 1] &= 0xFFFF_FFFFL;
            return V4;
        }
        return V6;
    }

    /** Whether this IPv6 address is IPv4-mapped: 80 zero bits, 16 one bits, then the IPv4 address. */
    boolean isMapped() {
        return !v4 && isMapped(hi, lo);
    }

    private static boolean isMapped(long hi, long lo) {
        return hi == 0 && (lo >>> 32) == 0xFFFFL;
    }

    /** The IPv4 value of {@code text[from, to)}, or -1: four octets of 1 to 3 digits, no leading zero, at most 255. */
    private static long parseV4(String text, int from, int to) {
        long value = 0;
        int dots = 0;
        int octet = 0;
        int digits = 0;
        boolean leadingZero = false;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (leadingZero || ++digits > 3) {
                    return -1;
                }
                leadingZero = digits == 1 && c == '0';
                octet = octet * 10 + (c - '0');
            } else if (c == '.' && digits > 0 && octet <= 255 && dots < 3) {
                value = value << 8 | octet;
                dots++;
                octet = 0;
                digits = 0;
                leadingZero = false;
            } else {
                return -1;
            }
        }
        return digits > 0 && octet <= 255 && dots == 3 ? value << 8 | octet : -1;
    }

    /**
     * Reads an IPv6 address into {@code into[at]} (high half) and {@code into[at + 1]}: the groups
     * before {@code ::} gather in one 128-bit number, those after it in another, and the first is
     * shifted over the elided zeros at the end.
     */
    private static boolean parseV6(String text, long[] into, int at) {
        long headHi = 0;
        long headLo = 0;
        int head = 0; // groups before `::` (all of them without one)
        long tailHi = 0;
        long tailLo = 0;
        int tail = 0; // groups after `::`
        boolean elided = false;
        int n = text.length();
        int i = 0;
        if (text.startsWith("::")) {
            elided = true;
            i = 2;
            if (i == n) {
                into[at] = 0;
                into[at + 1] = 0;
                return true;
            }
        } else if (text.charAt(0) == ':') {
            return false;
        }
        while (i < n) {
            int start = i;
            int value = 0;
            while (i < n && ResourcePath.hex(text.charAt(i)) >= 0) {
                value = value << 4 | ResourcePath.hex(text.charAt(i));
                i++;
            }
            int digits = i - start;
            if (i < n && text.charAt(i) == '.') {
                // an IPv4 tail: two groups, and the end of the address
                long v4 = parseV4(text, start, n);
                if (v4 < 0 || head + tail > 6) {
                    return false;
                }
                if (elided) {
                    tailHi = tailHi << 32 | tailLo >>> 32;
                    tailLo = tailLo << 32 | v4;
                    tail += 2;
                } else {
                    headHi = headHi << 32 | headLo >>> 32;
                    headLo = headLo << 32 | v4;
                    head += 2;
                }
                break;
            }
            if (digits == 0 || digits > 4 || head + tail == 8) {
                return false;
            }
            if (elided) {
                tailHi = tailHi << 16 | tailLo >>> 48;
                tailLo = tailLo << 16 | value;
                tail++;
            } else {
                headHi = headHi << 16 | headLo >>> 48;
                headLo = headLo << 16 | value;
                head++;
            }
            if (i == n) {
                break;
            }
            if (text.charAt(i) != ':') {
                return false;
            }
            i++;
            if (i < n && text.charAt(i) == ':') {
                if (elided) {
                    return false;
                }
                elided = true;
                i++;
                if (i == n) {
                    break;
                }
            } else if (i == n) {
                return false; // a single trailing `:`
            }
        }
        int count = head + tail;
        if (elided ? count > 7 : count != 8) {
            return false;
        }
        // the head's groups are the address's first ones: shift them over the elided groups
        int shift = 16 * (8 - head);
        if (shift >= 128) {
            headHi = 0;
            headLo = 0;
        } else if (shift >= 64) {
            headHi = headLo << (shift - 64);
            headLo = 0;
        } else if (shift > 0) {
            headHi = headHi << shift | headLo >>> (64 - shift);
            headLo = headLo << shift;
        }
        into[at] = headHi | tailHi;
        into[at + 1] = headLo | tailLo;
        return true;
    }
}
