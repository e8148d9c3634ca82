import CostModel

/// How numbers, times and durations are written for people.
public enum Format {
    /// A name on one line: line breaks and tabs become spaces, other control characters (and
    /// the escape that starts terminal colour codes) and non-characters become `�`, so a span
    /// name cannot break a table, an SVG or a terminal.
    public static func singleLine(_ name: String) -> String {
        guard name.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xEF }) else { return name }
        var result = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: result.append(" ")
            case 0..<0x20, 0x7F, 0xFFFE, 0xFFFF: result.append("\u{FFFD}")
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    /// `1234567` → `"1,234,567"`.
    public static func count(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result += "," }
            result.append(digit)
        }
        return (value < 0 ? "-" : "") + result
    }

    /// A duration in the largest unit that keeps three significant figures: `"850µs"`, `"12.3ms"`,
    /// `"4.20s"`, `"3m05s"`.
    public static func duration(nanos: Int64) -> String {
        let value = Double(nanos)
        switch nanos {
        case ..<1_000: return "\(nanos)ns"
        case ..<1_000_000: return fixed(value / 1_000) + "µs"
        case ..<1_000_000_000: return fixed(value / 1_000_000) + "ms"
        case ..<60_000_000_000: return fixed(value / 1_000_000_000) + "s"
        default:
            let seconds = nanos / 1_000_000_000
            let minutes = seconds / 60
            if minutes < 60 {
                return "\(minutes)m" + (seconds % 60 < 10 ? "0" : "") + "\(seconds % 60)s"
            }
            return "\(minutes / 60)h" + (minutes % 60 < 10 ? "0" : "") + "\(minutes % 60)m"
        }
    }

    /// Three significant figures for values from 1 to 999.
    private static func fixed(_ value: Double) -> String {
        let decimals = value < 10 ? 2 : value < 100 ? 1 : 0
        let scaled = (value * pow10(decimals)).rounded()
        var text = String(Int64(scaled))
        if decimals > 0 {
            while text.count <= decimals { text = "0" + text }
            text.insert(".", at: text.index(text.endIndex, offsetBy: -decimals))
        }
        return text
    }

    private static func pow10(_ exponent: Int) -> Double {
        (0..<exponent).reduce(1.0) { result, _ in result * 10 }
    }

    /// A UTC timestamp `2026-11-20T09:30:00Z`, from nanoseconds since the Unix epoch.
    public static func timestamp(nanos: Int64) -> String {
        let seconds = nanos >= 0 ? nanos / 1_000_000_000 : (nanos - 999_999_999) / 1_000_000_000
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = CalendarDate(daysSinceEpoch: days).components
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))Z"
    }
}

extension Format {
    /// Money for people: `$12.40`, `$1,234.57`, `$0.0123`, `$0.000333`, `$0.00`.
    ///
    /// Rounded for display only (half to even); exact amounts are in the JSON output.
    public static func usd(_ money: Money) -> String {
        let magnitude = Int128(money.nanos.magnitude)
        let sign = money.nanos < 0 ? "-" : ""
        let decimals: Int
        if magnitude >= 1_000_000_000 || magnitude == 0 {
            decimals = 2
        } else if magnitude >= 10_000_000 {
            decimals = 4
        } else {
            // Three significant figures below a cent: skip the zeros after the point.
            let digits = String(magnitude).count
            decimals = min(9, 9 - digits + 3)
        }
        let unit = Int128(pow10Int(9 - decimals))
        var units = magnitude / unit
        let remainder = magnitude % unit
        if remainder * 2 > unit || (remainder * 2 == unit && units % 2 == 1) { units += 1 }
        let scale = Int128(pow10Int(decimals))
        let whole = Int64(units / scale)
        var fraction = String(units % scale)
        fraction = String(repeating: "0", count: decimals - fraction.count) + fraction
        return sign + "$" + count(whole) + "." + fraction
    }

    /// A share from 0 to 1 as a percentage with one decimal: `"12.3%"`.
    public static func percent(_ share: Double) -> String {
        let tenths = Int64((share * 1000).rounded())
        return (tenths < 0 ? "-" : "") + "\(tenths.magnitude / 10).\(tenths.magnitude % 10)%"
    }

    /// Token counts in at most 7 characters: `"950"`, `"13,769"`, `"1.23M"`.
    public static func compactCount(_ value: Int64) -> String {
        guard value.magnitude >= 10_000_000 else { return count(value) }
        let millions = Double(value) / 1_000_000
        return millions >= 100 ? "\(Int64(millions.rounded()))M" : fixed(millions) + "M"
    }

    private static func pow10Int(_ exponent: Int) -> Int64 {
        (0..<exponent).reduce(Int64(1)) { result, _ in result * 10 }
    }
}
