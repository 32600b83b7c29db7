import { describeChannelContract } from '../channel-contract.ts';
import { createFeishuHarness } from './testing/feishu-harness.ts';

describeChannelContract(createFeishuHarness());
