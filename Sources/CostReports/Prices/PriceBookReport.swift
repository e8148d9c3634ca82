import CostModel

/// The entries of a price book, as a table (`prices list`) or in full (`prices show`).
public struct PriceBookReport {
    public var entries: [ModelPrice]

    public init(entries: [ModelPrice]) {
        self.entries = entries
    }

    /// The entries that are in force on a day: the newest of each model not after it.
    public static func current(_ book: PriceBook, on day: CalendarDate) -> [ModelPrice] {
        var newest: [String: ModelPrice] = [:]
        for entry in book.models where entry.effectiveFrom <= day {
            let key = entry.provider + "/" + entry.model
            if let known = newest[key], known.effectiveFrom >= entry.effectiveFrom { continue }
            newest[key] = entry
        }
        return newest.values.sorted { ($0.provider, $0.model) < ($1.provider, $1.model) }
    }

    private static let kinds: [(TokenKind, String)] = [
        (.input, "INPUT"), (.cacheRead, "CACHE READ"), (.cacheWrite5m, "WRITE 5M"), (.cacheWrite1h, "WRITE 1H"),
        (.output, "OUTPUT"),
    ]

    /// One line per entry: prices per million tokens by kind.
    public func table(style: TextStyle = TextStyle()) -> String {
        let modelWidth = max(12, entries.map(\.model.count).max() ?? 12)
        var output = style.dim(
            "PROVIDER".fitted(to: 10) + " " + "MODEL".fitted(to: modelWidth) + " " + "FROM".fitted(to: 10)
                + Self.kinds.map { " " + $0.1.leftPadded(to: 10) }.joined() + "  CHECKED") + "\n"
        for entry in entries {
            output += entry.provider.fitted(to: 10) + " " + entry.model.fitted(to: modelWidth) + " " + entry.effectiveFrom.iso
            for (kind, _) in Self.kinds {
                output += " " + (entry.rates[kind].map { Format.usd($0.perMillion) } ?? "-").leftPadded(to: 10)
            }
            output += "  " + (entry.checked?.iso ?? "not checked") + "\n"
        }
        output += style.dim("USD per million tokens; \(entries.count) entries") + "\n"
        return output
    }

    /// Every field of every entry.
    public func details() -> String {
        var output = ""
        for entry in entries {
            output += "\(entry.provider)/\(entry.model) from \(entry.effectiveFrom.iso)\n"
            if !entry.aliases.isEmpty { output += "  aliases: \(entry.aliases.joined(separator: ", "))\n" }
            output += "  per million tokens:\n"
            for kind in TokenKind.allCases { if let rate = entry.rates[kind] { output += "    \(kind.rawValue): \(Format.usd(rate.perMillion))\n" } }
            for tier in entry.longContext {
                output += "  above \(Format.count(tier.aboveInputTokens)) prompt tokens, the whole request:\n"
                for kind in TokenKind.allCases { if let rate = tier.rates[kind] { output += "    \(kind.rawValue): \(Format.usd(rate.perMillion))\n" } }
            }
            for (tier, multiplier) in entry.serviceTiers.sorted(by: { $0.key < $1.key }) {
                output += "  service tier \(tier): × \(multiplier.decimalString)\n"
            }
            for (unit, fee) in entry.requestFees.sorted(by: { $0.key < $1.key }) {
                output += "  \(unit): \(Format.usd(fee.price)) per \(Format.count(fee.per))\n"
            }
            output += "  source: \(entry.source) (checked \(entry.checked?.iso ?? "never"))\n"
        }
        return output
    }

    /// The entries as JSON, money as exact decimal strings per million tokens.
    public func json() -> String {
        var writer = JSONWriter()
        writer.beginArray()
        for entry in entries {
            writer.beginObject()
            writer.string("provider", entry.provider)
            writer.string("model", entry.model)
            writer.beginArray("aliases")
            for alias in entry.aliases { writer.string(nil, alias) }
            writer.endArray()
            writer.string("effective_from", entry.effectiveFrom.iso)
            writer.beginObject("prices_per_million")
            for kind in TokenKind.allCases { if let rate = entry.rates[kind] { writer.string(kind.rawValue, rate.perMillion.decimalString) } }
            writer.endObject()
            writer.string("source", entry.source)
            writer.optionalString("checked", entry.checked?.iso)
            writer.endObject()
        }
        writer.endArray()
        return writer.text + "\n"
    }
}
