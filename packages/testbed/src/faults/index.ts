export {
  FaultController,
  type FaultAction,
  type FaultControls,
  type FaultStats,
} from './fault-controller.js';
export {
  DEFAULT_TIMEOUT_HOLD_MS,
  MAX_TIMEOUT_HOLD_MS,
  validateFaultPlan,
  type FaultPlan,
  type FaultScope,
  type FaultTarget,
} from './fault-plan.js';
export { registerFaultHooks, type FaultReply, type ProviderFaultAdapter } from './fault-hooks.js';
export { legacyGoneBody } from './gone-body.js';
export { corruptFileBytes } from './corrupt-file.js';
