import type { Role } from '../auth/caller.ts';
import { createFollowUpTool } from './create-follow-up.ts';
import { draftPitchTool } from './draft-pitch.ts';
import { getAccountOverviewTool } from './get-account-overview.ts';
import { logActivityTool } from './log-activity.ts';
import { lookupPolicyTool } from './lookup-policy.ts';
import { recommendTalkTracksTool } from './recommend-talk-tracks.ts';
import { scoreLeadTool } from './score-lead.ts';
import { searchKnowledgeTool } from './search-knowledge.ts';
import type { AnyToolDefinition } from './tool-definition.ts';

export { applyConfirmedWrite } from './apply-confirmed-write.ts';
export { checkReimbursementClaims } from './check-reimbursement-claims.ts';
export { runTool } from './run-tool.ts';
export type * from './tool-citation.ts';
export type * from './tool-definition.ts';
export {
  createFollowUpTool,
  draftPitchTool,
  getAccountOverviewTool,
  logActivityTool,
  lookupPolicyTool,
  recommendTalkTracksTool,
  scoreLeadTool,
  searchKnowledgeTool,
};

/** Every tool the agent can be given. */
export const ALL_TOOLS: readonly AnyToolDefinition[] = [
  searchKnowledgeTool,
  getAccountOverviewTool,
  lookupPolicyTool,
  recommendTalkTracksTool,
  draftPitchTool,
  scoreLeadTool,
  logActivityTool,
  createFollowUpTool,
];

/** The tools a role may call; give the model only these. */
export function toolsForRole(role: Role): AnyToolDefinition[] {
  return ALL_TOOLS.filter((tool) => tool.roles.includes(role));
}
