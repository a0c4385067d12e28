package dev.warden.core;

/**
 * An IP address read strictly: IPv4 as four decimal octets without leading zeros, IPv6 in RFC 4291
 * text form (an embedded IPv4 tail allowed); an IPv4-mapped IPv6 address ({@code ::ffff:10.1.2.3},
 * {@code ::ffff:a01:203}) is its IPv4 address, the compatible form {@code ::10.1.2.3} stays IPv6.
 * Brackets, zones ({@code %eth0}), prefixes and anything else are not addresses.
 */
final class IpAddress {
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

    static IpAddress ofV4(long value) {
        return new IpAddress(true, 0, value);
    }

    /** The address, or null when {@code text} is not one. */
    static IpAddress parse(String text) {
        IpAddress raw = parseRaw(text);
        if (raw == null || raw.v4) {
            return raw;
        }
        return raw.isMapped() ? ofV4(raw.lo & 0xFFFF_FFFFL) : raw;
    }

    /** Like {@link #parse}, but an IPv4-mapped IPv6 address stays IPv6 (for range literals). */
    static IpAddress parseRaw(String text) {
        if (text.isEmpty() || text.length() > 45) {
            return null;
        }
        if (text.indexOf(':') < 0) {
            long v = parseV4(text, 0, text.length());
            return v < 0 ? null : ofV4(v);
        }
        return parseV6(text);
    }

    /** Whether this IPv6 address is IPv4-mapped: 80 zero bits, 16 one bits, then the IPv4 address. */
    boolean isMapped() {
        return !v4 && hi == 0 && (lo >>> 32) == 0xFFFFL;
    }

    /** The IPv4 value of {@code text[from, to)}, or -1. */
    private static long parseV4(String text, int from, int to) {
        long value = 0;
        int octets = 0;
        int i = from;
        while (true) {
            int start = i;
            int octet = 0;
            while (i < to && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                octet = octet * 10 + (text.charAt(i) - '0');
                i++;
                if (i - start > 3) {
                    return -1;
                }
            }
            int digits = i - start;
            if (digits == 0 || digits > 1 && text.charAt(start) == '0' || octet > 255) {
                return -1;
            }
            value = value << 8 | octet;
            octets++;
            if (i == to) {
                return octets == 4 ? value : -1;
            }
            if (text.charAt(i) != '.' || octets == 4) {
                return -1;
            }
            i++;
        }
    }

    private static IpAddress parseV6(String text) {
        int[] groups = new int[8];
        int count = 0;
        int elided = -1; // the group index where `::` stands
        int n = text.length();
        int i = 0;
        if (text.startsWith("::")) {
            elided = 0;
            i = 2;
            if (i == n) {
                return new IpAddress(false, 0, 0);
            }
        } else if (text.charAt(0) == ':') {
            return null;
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
                if (v4 < 0 || count > 6) {
                    return null;
                }
                groups[count++] = (int) (v4 >>> 16);
                groups[count++] = (int) (v4 & 0xFFFF);
                i = n;
                break;
            }
            if (digits == 0 || digits > 4 || count == 8) {
                return null;
            }
            groups[count++] = value;
            if (i == n) {
                break;
            }
            if (text.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < n && text.charAt(i) == ':') {
                if (elided >= 0) {
                    return null;
                }
                elided = count;
                i++;
                if (i == n) {
                    break;
                }
            } else if (i == n) {
                return null; // a single trailing `:`
            }
        }
        if (elided < 0 ? count != 8 : count > 7) {
            return null;
        }
        int[] full = new int[8];
        if (elided < 0) {
            full = groups;
        } else {
            int tail = count - elided;
            System.arraycopy(groups, 0, full, 0, elided);
            System.arraycopy(groups, elided, full, 8 - tail, tail);
        }
        long hi = 0;
        long lo = 0;
        for (int g = 0; g < 4; g++) {
            hi = hi << 16 | full[g];
            lo = lo << 16 | full[g + 4];
        }
        return new IpAddress(false, hi, lo);
    }
}
