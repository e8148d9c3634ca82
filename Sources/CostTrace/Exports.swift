// Agent code imports CostTrace alone and gets the span model with it (TokenUsage, provider usage shapes…).
@_exported import CostModel
