export { compileExpression, claimHolds, evaluateExpr, MAX_DEPTH, MAX_NODES, type CompiledExpression, type Expr } from './expression.js';
export { ExpressionError, MAX_EXPRESSION_LENGTH, MAX_NESTING, type ExpressionContext } from './preprocess.js';
export { expressionContext, loadThesis, parseThesis, ThesisSchema, type Claim, type Thesis, type ThesisFile } from './thesisFile.js';
export { runThesis, thesisExtraction, thesisResult, verdictOf, type ClaimResult, type ThesisReading, type ThesisResult, type ThesisRunOptions, type ThesisRunRow, type Verdict } from './runThesis.js';
export { conditionsText, thesisJson, thesisRunsCsv, thesisTable } from './thesisOutput.js';
