/** The CLI's commands. Each lives in its own module, loaded only when called. */
export interface CommandModule {
  run(args: string[]): Promise<number>;
}

export interface Command {
  summary: string;
  load(): Promise<CommandModule>;
}

export const COMMANDS: Record<string, Command> = {
  extract: { summary: '解析报告并检查 / extract records and findings from files or folders', load: () => import('./extract-supervisor.js') },
  rules: { summary: '列出检查规则 / list the checks (--json, --markdown)', load: () => import('./rules.js') },
  enqueue: { summary: '存入数据库并加入处理队列 / store files and queue them for workers (--nightly DIR)', load: () => import('./enqueue.js') },
  worker: { summary: '队列工作进程 / process queued reports (--concurrency N, --until-idle)', load: () => import('./worker.js') },
  status: { summary: '批次统计 / batch counts (--json)', load: () => import('./status.js') },
  reprocess: { summary: '按当前规则重新检查 / re-check stored reports under the current rules', load: () => import('./reprocess.js') },
  serve: { summary: '审核网页 / reviewer web UI (--port N, --db DIR)', load: () => import('./serve.js') },
  export: { summary: '导出 Excel/CSV/离线网页 / export xlsx, csv or a static html report', load: () => import('./export.js') },
  'import-reference': { summary: '导入财政局参考台账并重新核对 / import the bureau reference ledger (xlsx/csv) and re-check', load: () => import('./import-reference.js') },
  user: { summary: '审核网页账号 / accounts of the web UI (add, passwd, disable, list)', load: () => import('./user.js') },
};
