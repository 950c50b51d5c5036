import { spawn } from 'node:child_process';

/** Debian's python3-jinja2 is for /usr/bin/python3 (the Makefile installs it); Home Assistant renders its templates with Jinja2. */
const PYTHON = '/usr/bin/python3';

const RENDER = `
import json, sys
from jinja2 import Environment
jobs = json.load(sys.stdin)
env = Environment()
print(json.dumps([env.from_string(j["template"]).render(value_json=json.loads(j["payload"])).strip() for j in jobs]))
`;

/** Renders each MQTT value template as Home Assistant would, with `value_json` the parsed payload. */
export async function renderValueTemplates(jobs: readonly { template: string; payload: string }[]): Promise<string[]> {
  const child = spawn(PYTHON, ['-c', RENDER], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdin.end(JSON.stringify(jobs));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`jinja2 failed (${code}): ${stderr}`);
  return JSON.parse(stdout) as string[];
}
