import { describeChannelContract } from '../channel-contract.ts';
import { createFeishuHarness } from './feishu-test-harness.ts';

describeChannelContract(createFeishuHarness());
