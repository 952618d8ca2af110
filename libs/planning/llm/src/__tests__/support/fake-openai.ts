export {
  FakeOpenAiServer,
  scriptedFeatureTasksAnswer,
  scriptedOutlineAnswer,
  scriptedPlanAnswer,
  type RecordedChatRequest,
  type ScriptedPlanAnswer,
  type ScriptedResponse,
} from '@splitwork/test-support';
