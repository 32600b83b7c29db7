import { describeChannelContract } from '../channel-contract.ts';
import { createSlackApiMock } from './testing/slack-api-mock.ts';
import { slackHarness } from './testing/slack-harness.ts';

describeChannelContract(slackHarness(createSlackApiMock()));
