import type { Rule } from './types.js';
import { frozen } from '../memo.js';
import { rule as executionRate } from './execution-rate.js';
import { rule as executionScore } from './execution-score.js';
import { rule as budgetChangeReason } from './budget-change-reason.js';
import { rule as fundingSourcesSum } from './funding-sources-sum.js';
import { rule as incomeBreakdownSum } from './income-breakdown-sum.js';
import { rule as spendingBreakdownSum } from './spending-breakdown-sum.js';
import { rule as basicSpendingSplit } from './basic-spending-split.js';
import { rule as projectTotal } from './project-total.js';
import { rule as overspendReason } from './overspend-reason.js';
import { rule as statedUnit } from './stated-unit.js';
import { rule as figureMismatch } from './figure-mismatch.js';
import { rule as narrativeRestatedDiffers } from './narrative-restated-differs.js';
import { rule as narrativeActualMismatch } from './narrative-actual-mismatch.js';
import { rule as approximateRestatement } from './approximate-restatement.js';
import { rule as narrativeTotalParts } from './narrative-total-parts.js';
import { rule as numberedBreakdown } from './numbered-breakdown.js';
import { rule as gradeTallySum } from './grade-tally-sum.js';
import { rule as narrativeChangeRate } from './narrative-change-rate.js';
import { rule as narrativeShareAmount } from './narrative-share-amount.js';
import { rule as narrativeAllocationSum } from './narrative-allocation-sum.js';
import { rule as narrativeListCount } from './narrative-list-count.js';
import { rule as narrativeSubsetExceeds } from './narrative-subset-exceeds.js';
import { rule as rateAboveWhole } from './rate-above-whole.js';
import { rule as narrativeRate } from './narrative-rate.js';
import { rule as listTableRate } from './list-table-rate.js';
import { rule as crossPartTotalParts } from './cross-part-total-parts.js';
import { rule as sameMeasureDiffers } from './same-measure-differs.js';
import { rule as proseCountMismatch } from './prose-count-mismatch.js';
import { rule as claimedMetContradicted } from './claimed-met-contradicted.js';
import { rule as statedScoreMismatch } from './stated-score-mismatch.js';
import { rule as gradeBandMismatch } from './grade-band-mismatch.js';
import { rule as zeroTotalNonzeroParts } from './zero-total-nonzero-parts.js';
import { rule as scoreRange } from './score-range.js';
import { rule as groupWeights } from './group-weights.js';
import { rule as weightTotals } from './weight-totals.js';
import { rule as totalScore } from './total-score.js';
import { rule as quantitativeScore } from './quantitative-score.js';
import { rule as metTargetBelowWeight } from './met-target-below-weight.js';
import { rule as qualitativeBand } from './qualitative-band.js';
import { rule as deviationReason } from './deviation-reason.js';
import { rule as measureReadable } from './measure-readable.js';
import { rule as copiedIndicators } from './copied-indicators.js';
import { rule as staffingControlRate } from './staffing-control-rate.js';
import { rule as threePublicSum } from './three-public-sum.js';
import { rule as buildingControlRates } from './building-control-rates.js';
import { rule as threePublicChangeRate } from './three-public-change-rate.js';
import { rule as specialFundRows } from './special-fund-rows.js';
import { rule as carriedForward } from './carried-forward.js';
import { rule as requiredCells } from './required-cells.js';
import { rule as templateLeftovers } from './template-leftovers.js';
import { rule as entityNames } from './entity-names.js';
import { rule as yearConsistency } from './year-consistency.js';
import { rule as coverage } from './coverage.js';
import { rule as digitsInWords } from './digits-in-words.js';
import { rule as splitNumbers } from './split-numbers.js';
import { rule as sectionNumbering } from './section-numbering.js';
import { rule as normalizedText } from './normalized-text.js';
import { rule as parseIssues } from './parse-issues.js';

/**
 * Every rule, in catalogue order. Adding a rule: its file, its cases, and one line here.
 * Frozen with each rule's meta: a worker runs thousands of reports in one module graph, and RULES_VERSION
 * (what re-processing compares) is computed once from these metas — nothing may change them at run time.
 */
export const RULES: readonly Rule[] = frozen([
  executionRate,
  executionScore,
  budgetChangeReason,
  fundingSourcesSum,
  incomeBreakdownSum,
  spendingBreakdownSum,
  basicSpendingSplit,
  projectTotal,
  overspendReason,
  statedUnit,
  figureMismatch,
  narrativeRestatedDiffers,
  narrativeActualMismatch,
  approximateRestatement,
  narrativeTotalParts,
  numberedBreakdown,
  narrativeShareAmount,
  narrativeAllocationSum,
  narrativeListCount,
  narrativeSubsetExceeds,
  rateAboveWhole,
  narrativeRate,
  listTableRate,
  crossPartTotalParts,
  sameMeasureDiffers,
  proseCountMismatch,
  claimedMetContradicted,
  statedScoreMismatch,
  gradeBandMismatch,
  gradeTallySum,
  zeroTotalNonzeroParts,
  scoreRange,
  groupWeights,
  weightTotals,
  totalScore,
  quantitativeScore,
  metTargetBelowWeight,
  qualitativeBand,
  deviationReason,
  measureReadable,
  copiedIndicators,
  staffingControlRate,
  threePublicSum,
  buildingControlRates,
  threePublicChangeRate,
  narrativeChangeRate,
  specialFundRows,
  carriedForward,
  requiredCells,
  templateLeftovers,
  entityNames,
  yearConsistency,
  coverage,
  digitsInWords,
  splitNumbers,
  sectionNumbering,
  normalizedText,
  parseIssues,
]);
