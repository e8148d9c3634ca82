import ArgumentParser
import CostModel
import CostReports

/// `--period day|week|month` of report; forecast refuses day.
extension CalendarPeriod: ExpressibleByArgument {}

struct ForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Forecasts where spend lands at the end of the week or month, with a trend and a 95% band.",
        discussion: """
            Fits an ordinary least squares line to the daily spend (UTC days) of the last --window \
            complete days before --at, per group of --by, and adds the line over the time left in the \
            period to the spend so far. The first day with spend is not fitted: data rarely starts at \
            its midnight. The band is the 95% prediction interval of that sum. Spend so \
            far is exact; forecasts are estimates, whose estimated part is rounded to $0.0001. --backtest DAYS holds out the \
            last DAYS days of the selection instead, forecasts them and prints the error. \
            See docs/forecast.md.
            """
    )

    @Argument(
        help:
            "A trace file (CostTrace JSONL or OTLP/JSON, - for standard input), or a run id; the database when absent.")
    var source: String?

    @Option(
        name: .customLong("by"),
        help: ArgumentHelp("Keys to forecast one by one, separated by commas, for example team.", valueName: "key,…"))
    var keys: String?

    @Option(help: "The period to forecast the end of: week (ISO, from Monday) or month, in UTC.")
    var period: CalendarPeriod = .month

    @OptionGroup var at: AtOption

    @Option(help: ArgumentHelp("The most complete days to fit the trend to.", valueName: "days"))
    var window: Int = SpendForecast.defaultWindow

    @Option(
        help: ArgumentHelp(
            "Hold out the last DAYS days of the selection, forecast them from the days before, and print the error.",
            valueName: "days"))
    var backtest: Int?

    @OptionGroup var selection: RunSelection
    @OptionGroup var pricing: PricingOptions
    @OptionGroup var output: TableOutputOptions

    func validate() throws {
        if period == .day { throw ValidationError("--period: a day is too short to forecast; use week or month") }
        if window < LinearTrend.minimumCount {
            throw ValidationError("--window must be at least \(LinearTrend.minimumCount) days (got \(window))")
        }
        if let backtest, backtest < 1 { throw ValidationError("--backtest must be at least 1 day (got \(backtest))") }
        if backtest != nil, output.format == .csv { throw ValidationError("--backtest prints text or json") }
        _ = try allocationKeys()
    }

    private func allocationKeys() throws -> [AllocationKey] {
        try keys.map(AllocationKey.list(byOption:)) ?? []
    }

    func run() throws {
        let pricer = try pricing.pricer()
        let runs = try selection.costedRuns(source: source, pricer: pricer)
        let models = ModelNaming(book: pricer.book)
        do {
            if let backtest {
                let report = BacktestReport(
                    backtest: try ForecastBacktest(
                        runs: runs, by: try allocationKeys(), holdOut: backtest, window: window, models: models))
                print(output.format == .json ? report.json() : report.text(style: output.textStyle), terminator: "")
                return
            }
            let forecast = try SpendForecast(
                runs: runs, by: try allocationKeys(), period: period, at: try at.nanos(), window: window,
                models: models)
            let report = ForecastReport(forecast: forecast)
            switch output.format {
            case .text: print(report.text(style: output.textStyle), terminator: "")
            case .json: print(report.json(), terminator: "")
            case .csv: print(report.csv(), terminator: "")
            }
        } catch let error as ForecastError {
            printError(error.description)
            throw ExitCode.failure
        }
    }
}
