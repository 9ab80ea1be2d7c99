-- wrk request mix for POST /api/chat: varied questions, never the same
-- twice in a row, so no answer cache could carry the load.
local questions = {
  "What should I build to become a Senior PM?",
  "What does an Associate PM do day to day?",
  "What does success look like for a junior PM?",
  "Which skills should an associate product manager start developing?",
  "What changes when I become a mid-level PM?",
  "What are the core responsibilities of a mid-level product manager?",
  "How do I know I'm succeeding as a mid-level PM?",
  "What is expected of a Senior Product Manager?",
  "How is a senior PM's success judged?",
  "What skills do I need to move from Senior PM to Director?",
  "What does a Director of Product do?",
  "How do I prepare for a VP of Product role?",
  "What are the responsibilities of a Chief Product Officer?",
  "What skills does a CPO need to keep succeeding in the role?",
  "I don't want to manage people. What are my options?",
  "What is a Principal PM?",
  "What does success look like on the IC track?",
  "Can PMs move into business development?",
  "Could I become a startup founder after being a PM?",
  "How long does it take to become a product leader?",
  "Do I have to start as an Associate PM?",
  "What is the standard product management career ladder?",
  "What's different about being a Group Product Manager?",
  "How should a mid-level PM handle stakeholders?",
  "What does a VP of Product spend time on?",
  "Is being a CPO mostly about users and wireframes?",
  "Where are IC product managers especially valuable?",
  "What if I'm a junior PM in a startup?",
  "How do I build influence when I don't control the outcome?",
  "What does executive communication mean for a senior PM?",
  "What are the responsibilities of a Staff PM?",
  "Can I move into product marketing?",
  "What should I focus on as a new PM to grow?",
  "How do directors of product know they are succeeding?",
  "What does cultural leadership mean for a product director?",
  "What's the capital of France?",
  "Write me a Python function that sorts a list.",
  "What is the best recipe for banana bread?",
  "I just landed my first APM job. What will I actually be doing week to week?",
  "my manager never gives feedback - how do i know if im doing ok as an associate product manager?",
  "How do I get promoted from APM to a proper PM role?",
  "Do I need to learn to code as an entry-level PM?",
  "Is the first year in product about having a big vision?",
  "I came into product through a bootcamp after five years in teaching. Where does that usually put me on the ladder?",
  "I'm a junior PM at a seed-stage startup and I'm also doing customer support and writing onboarding copy. Is that normal or am I getting off track?",
  "How's the job different once you're a regular PM rather than an APM?",
  "What am I responsible for as a mid level product manager?",
  "what does good look like for a mid-level PM",
  "I've been a PM for three years. What should I work on to get promoted to senior?",
  "How do I prioritize better? I keep reacting to every request that lands in my inbox.",
  "I'm a PM who wants to be judged on outcomes rather than output. What does the article say about that?",
  "What's different when you step up to Senior PM?",
  "What are a lead PM's core duties?",
  "How would I know I'm performing well as a senior product manager?",
  "Which skills should I be building to prepare for a director of product role?",
  "What changes when you become a director of product?",
  "group product manager responsibilities?",
  "I'm head of product at a 200-person company. What does success look like in my role?",
  "What do I need to learn to move from Director to VP?",
  "I'm a GPM and I'd love to be a CPO one day. What should I be working on now?",
  "As a product director, how much of my job is still shipping features myself?",
  "What actually changes when you get to VP level?",
  "chief product officer day to day responsibilities",
  "How can you tell whether a VP Product is doing a good job?"
}
local bodies = {}
for i, q in ipairs(questions) do
  bodies[i] = '{"message":"' .. q:gsub('\\', '\\\\'):gsub('"', '\\"') .. '"}'
end
local n = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

function setup(thread)
  thread:set("offset", math.random(1, #bodies))
end

function init(args)
  n = tonumber(wrk.thread:get("offset")) or 1
end

function request()
  n = n + 1
  return wrk.format(nil, "/api/chat", nil, bodies[(n % #bodies) + 1])
end
